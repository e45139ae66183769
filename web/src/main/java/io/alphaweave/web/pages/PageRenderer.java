package io.alphaweave.web.pages;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.alphaweave.platform.app.ReportCharts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the pages' templates ({@code src/main/jte}, compiled to classes at build time; HTML output
 * is escaped by default), and the one-file HTML report.
 */
public final class PageRenderer {
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    private PageRenderer() {}

    /**
     * @param template the template's file name, e.g. {@code home.jte}
     * @param params its parameters by name
     * @return the HTML
     */
    public static String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        ENGINE.render(template, params, out);
        return out.toString();
    }

    /**
     * The report of a stored run as one self-contained HTML file: style sheet, ECharts, the page's
     * script and the data inline; it renders from disk without a network.
     *
     * @param charts the run's charts
     * @return the HTML document
     */
    public static String standaloneReport(ReportCharts charts) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("charts", charts);
        p.put("data", SafeJson.of(charts));
        p.put("standalone", true);
        p.put("inlineCss", PageAssets.file("app.css").replace("</style", "<\\/style"));
        p.put(
                "inlineScripts",
                List.of(
                        inlineScript(PageAssets.echarts()),
                        inlineScript(PageAssets.file("common.js")),
                        inlineScript(PageAssets.file("report.js"))));
        return render("report.jte", p);
    }

    /** Script text safe inside a script element: no {@code </script} can end it early. */
    static String inlineScript(String js) {
        return js.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT");
    }
}
