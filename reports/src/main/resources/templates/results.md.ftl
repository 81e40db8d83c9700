<#ftl output_format="Markdown">
<#-- Results table as GitHub Markdown. Every ${...} is escaped for a table cell (MarkdownOutputFormat). -->
<#-- Data model: report = org.cifarzoo.reports.ReportView; numbers arrive already formatted. -->
<#-- pictures = file names (augment-*.png, schedule*.png|svg) found beside the report; linked relatively. -->
<#-- chart = AccuracySpeedChart.Link, only from ReportRenderer.render(csv, matrix, outDir) with something to plot. -->
| Model | Top-1 best % <sub>last</sub> | Params | Training img/s <sub>± sd</sub> | Inference img/s | Epochs | Augmentation | Wall time | Setup |
|:---|---:|---:|---:|---:|---:|:---|---:|:---|
<#list report.groups as group>
| **${group.family}** | | | | | | | | |
<#list group.lines as line>
| ${line.model}<#if line.qualifiers?has_content> <sub><#list line.qualifiers as q>${q.text}<#sep> </#list></sub></#if> | <#if line.failed>**failed:** ${line.error}<#else>${line.top1Best}<#if line.top1Last?has_content> <sub>last ${line.top1Last}</sub></#if></#if> | ${line.params} | ${line.trainImgPerS}<#if line.trainImgPerSSd?has_content> <sub>± ${line.trainImgPerSSd}</sub></#if> | ${line.inferImgPerS} | ${line.epochs} | ${line.augmentation} | ${line.wallTime} | ${line.setup} |
</#list>
</#list>
<#if report.runs == 0>

_No runs in the results CSV yet._
</#if>

### Provenance

${report.runs?c} run<#if report.runs != 1>s</#if><#if report.failedRuns gt 0> (${report.failedRuns?c} failed)</#if><#if report.source?has_content> from ${report.source}</#if>. Each row's Setup column names the machine and backend that produced its numbers:

| Setup | Device | Backend | Classifier | Helpers | Threads | JVM | DL4J | Commits (first … last run) | Load avg at start | Runs |
|:---|:---|:---|:---|:---|---:|:---|:---|:---|---:|---:|
<#list report.setups as s>
| ${s.id} | ${s.device} | ${s.backend} | ${s.classifier} | ${s.helpers} | ${s.threads} | ${s.jvm} | ${s.dl4j} | <#list s.commits as c>${c.commit} (${c.firstDate}<#if c.lastDate != c.firstDate> … ${c.lastDate}</#if>)<#sep><br></#list> | ${s.loadAvg} | ${s.runs?c} |
</#list>
<#if chart??>

### Accuracy vs training speed

[![Top-1 accuracy against training images per second, one point per ok run](${chart.png})](${chart.svg})

${chart.points?c} ok run<#if chart.points != 1>s</#if>, labelled by model and coloured by family. Vector version: [${chart.svg}](${chart.svg}).
</#if>
<#if pictures?has_content>

### Pictures

Beside this report: contact sheets of augmented training images (`augment-preview`) and learning-rate schedules (`schedule-plot`).
<#list pictures as picture>

![${picture}](${picture})
</#list>
</#if>
