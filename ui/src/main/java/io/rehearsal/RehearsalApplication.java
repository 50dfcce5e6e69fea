package io.rehearsal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The runnable assembly: command side, query side and the web application in one process. */
@SpringBootApplication
public class RehearsalApplication {

    public static void main(String[] args) {
        // Axon's update checker phones home; Rehearsal never does
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication application = new SpringApplication(RehearsalApplication.class);
        application.addListeners(new ReleaseStartupHeap()); // the JVM is Rehearsal's own
        application.run(args);
    }
}
