package io.rehearsal.ui.admin;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.rehearsal.command.infrastructure.simulated.SimulatorFaults;
import io.rehearsal.ui.web.Problems;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The simulator's injected faults, for demos and drills: read them, replace them, clear them. ADMIN only. */
@RestController
@RequestMapping("/api/admin/simulator/faults")
@ConditionalOnProperty(name = "rehearsal.infrastructure.provider", havingValue = "simulated", matchIfMissing = true)
class SimulatorController {

    record Faults(String faults) {
    }

    private final SimulatorFaults faults;

    SimulatorController(SimulatorFaults faults) {
        this.faults = faults;
    }

    @GetMapping
    Faults faults() {
        return new Faults(faults.spec());
    }

    @ApiResponse(responseCode = "200", description = "The faults now injected.")
    @ApiResponse(responseCode = "422", description = "The faults are missing or cannot be read, e.g. an unknown "
            + "step; \"\" clears them all.")
    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Faults replace(@RequestBody Faults request) {
        if (request.faults() == null) {
            // a body that forgot the field must not clear every fault: clearing them is said with ""
            throw Problems.unprocessable("faults is required: the faults to inject, e.g. \"VERIFY=fail-always\", "
                    + "or \"\" to clear them all.");
        }
        try {
            faults.set(request.faults());
        } catch (IllegalArgumentException e) {
            throw Problems.unprocessable("faults: " + e.getMessage());
        }
        return new Faults(faults.spec());
    }
}
