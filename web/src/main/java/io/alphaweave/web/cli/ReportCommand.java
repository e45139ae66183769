package io.alphaweave.web.cli;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.app.ReportCharts;
import io.alphaweave.platform.app.StoredReports;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.store.Database;
import io.alphaweave.web.pages.PageRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code alphaweave report RUN_ID --html OUT.html}: the report page of a stored run as one
 * self-contained HTML file (style, ECharts, script and data inline) that renders offline from disk.
 */
@Command(
        name = "report",
        description = "Write the report of a stored run as one self-contained HTML file (renders offline).")
final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The stored run (see `alphaweave runs list`).")
    String runId;

    @Option(
            names = "--html",
            paramLabel = "OUT.html",
            required = true,
            description = "The HTML file to write (replaced if it exists; its folder must exist).")
    Path html;

    @Mixin
    DatabaseOption database = new DatabaseOption();

    @Override
    public Integer call() {
        Path parent = html.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new AlphaweaveException("--html " + html + ": the folder " + parent + " does not exist");
        }
        if (Files.isDirectory(html)) {
            throw new AlphaweaveException("--html " + html + " is a folder; give a file name such as report.html");
        }
        DatasetCatalog catalog = DatasetCatalog.of(Workspace.fromSystem(Workspace.Overrides.none()));
        String document;
        try (Database db = database.open()) {
            ReportCharts charts = new StoredReports(db, catalog).charts(runId);
            document = PageRenderer.standaloneReport(charts);
        }
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        try {
            // a sibling written first and moved over the target: a failed write leaves no half a report
            Path tmp = parent.resolve(
                    "." + html.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, html, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new AlphaweaveException("cannot write --html " + html + ": " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + html + " (" + bytes.length + " bytes, run " + runId + ")");
        return 0;
    }
}
