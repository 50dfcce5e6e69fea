package io.rehearsal.ui.admin;

import io.rehearsal.api.Actor;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.command.RehearsalProperties;
import io.rehearsal.command.inventory.InvalidInventoryException;
import io.rehearsal.command.inventory.Inventory;
import io.rehearsal.command.inventory.InventoryFile;
import io.rehearsal.command.inventory.InventoryPlan;
import io.rehearsal.ui.environment.EnvironmentViewWait;
import io.rehearsal.ui.web.Problems;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Inventory as code over HTTP: the plan of an inventory file (a dry run changes nothing), or its application.
 * The file is the one {@code rehearsal.inventory.file} names, or the YAML sent as the body.
 */
@RestController
@RequestMapping("/api/admin/inventory")
class InventoryController {

    private final Inventory inventory;
    private final RehearsalProperties properties;
    private final EnvironmentViewWait views;

    InventoryController(Inventory inventory, RehearsalProperties properties, EnvironmentViewWait views) {
        this.inventory = inventory;
        this.properties = properties;
        this.views = views;
    }

    @ApiResponse(responseCode = "200", description = "The plan: per environment REGISTER, CHANGE (and what), "
            + "UNCHANGED, RETIRED or NOT_IN_FILE (never retired by a file); applied unless dryRun, and then answered "
            + "once the environments view shows every change.")
    @ApiResponse(responseCode = "409", description = "No body was sent and no inventory file is configured.")
    @ApiResponse(responseCode = "422", description = "The file cannot be applied as written: `errors` lists each "
            + "entry's invalid fields (by path, e.g. environments[1].configuration.network.vpcCidr); nothing was "
            + "recorded.")
    @PostMapping(path = "/apply", consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain"})
    Mono<InventoryPlan> apply(@Parameter(description = "true: answer the plan only, changing nothing")
                              @RequestParam(defaultValue = "false") boolean dryRun,
                              @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
                                      description = "an inventory file; without one, the configured file",
                                      content = @io.swagger.v3.oas.annotations.media.Content(
                                              mediaType = "application/yaml",
                                              schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string")))
                              @RequestBody(required = false) String yaml,
                              java.security.Principal principal) {
        Actor actor = Actor.of(principal.getName());
        boolean sent = yaml != null && !yaml.isBlank();
        return Mono.fromCallable(() -> {
                    String source = sent ? "the request body" : configuredFile().toString();
                    InventoryFile file = InventoryFile.parse(sent ? yaml : read(configuredFile()));
                    return dryRun ? inventory.plan(file, source) : inventory.apply(file, source, actor);
                })
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(InvalidInventoryException.class,
                        e -> Problems.unprocessable(e.getMessage(), e.errors()))
                .flatMap(plan -> Flux.fromIterable(plan.environments())
                        .filter(item -> !dryRun && (item.action() == InventoryPlan.Action.REGISTER
                                || item.action() == InventoryPlan.Action.CHANGE))
                        .concatMap(item -> views.untilShown(EnvironmentId.of(item.environmentId())))
                        .then(Mono.just(plan)));
    }

    private Path configuredFile() {
        Path file = properties.inventory().file();
        if (file == null) {
            throw Problems.conflict("No inventory file is configured (rehearsal.inventory.file); send the file's YAML "
                    + "as the request body (Content-Type: application/yaml) to apply it.");
        }
        return file;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Problems.conflict("The inventory file " + file + " cannot be read: " + e.getMessage());
        }
    }
}
