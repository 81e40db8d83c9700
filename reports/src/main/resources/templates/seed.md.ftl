<#ftl output_format="Markdown">
<#-- Seed layout as GitHub Markdown: the original README's augmentation-study and main tables, rows from the matrix, -->
<#-- each measured number followed by (seed, measured − seed). Every ${...} is escaped for a table cell. -->
<#-- Data model: report = org.cifarzoo.reports.SeedView (numbers arrive as display text); pictures = file names -->
<#-- beside the report (linked relatively); chart = AccuracySpeedChart.Link, only when there is something to plot. -->
<#macro seedPart f><#if f.seed?has_content> <sub>(seed ${f.seed}<#if f.delta?has_content>, ${f.delta}</#if>)</sub></#if></#macro>
<#macro figure f><#if f.measured?has_content>${f.measured}<#else>—</#if><@seedPart f/></#macro>
<#macro top1 c><#switch c.state><#case "not-run">not run<#break><#case "failed">**failed:** ${c.error}<#break><#default>${c.top1.measured}</#switch><@seedPart c.top1/></#macro>
<#macro note c><#if c.note?has_content> <sub>${c.note}</sub></#if></#macro>
${report.ranCells?c} of ${report.cells?c} cell<#if report.cells != 1>s</#if> of ${report.matrix} run<#if report.failedCells gt 0> (${report.failedCells?c} failed)</#if><#if report.source?has_content>, results from ${report.source}</#if>. Each number reads *measured <sub>(seed, measured − seed)</sub>*: top-1 is the best epoch's test accuracy in % (rounded to two decimals before the difference is taken), throughputs are 32×32 images per second. The seed's numbers come from an RTX3090 with FP16 + XLA; the Setup marks (P1, …) name the machine and backend that produced each measured number (see Provenance). A row is marked only where it departs from the usual settings: ${report.usualSettings}.
<#if report.augRows?has_content>

### Augmentation study

| Model \ Augmentation | <#list report.augColumns as column>${column}<#sep> | </#list> |
|:---|<#list report.augColumns as column>---:|</#list>
<#list report.augRows as row>
| ${row.model}<#if row.qualifiers?has_content> <sub><#list row.qualifiers as q>${q.text}<#sep> </#list></sub></#if> | <#list row.slots as slot><#if slot.state == "absent">—<#else><@top1 slot/><#if slot.setup?has_content> <sup>${slot.setup}</sup></#if><@note slot/></#if><#sep> | </#list> |
</#list>
</#if>
<#if report.families?has_content>

### Results by family

| Model | Variant | Top-1 % <sub>best epoch</sub> | Params | Training img/s | Inference img/s | Setup |
|:---|:---|---:|---:|---:|---:|:---|
<#list report.families as family>
| **${family.family}** | | | | | | |
<#list family.models as model>
<#list model.variants as v>
| <#if v?is_first>${model.model}</#if> | <#list v.qualifiers as q>${q.text}<#sep> </#list><@note v/> | <@top1 v/> | <@figure v.params/> | <@figure v.trainImgPerS/> | <@figure v.inferImgPerS/> | ${v.setup} |
</#list>
</#list>
</#list>
</#if>
<#if report.otherRuns?has_content>

### Other runs

Results rows that match no cell of ${report.matrix}:

| Run | Model | Top-1 % <sub>best epoch</sub> | Params | Training img/s | Inference img/s | Setup |
|:---|:---|---:|---:|---:|---:|:---|
<#list report.otherRuns as r>
| <#if r.cell?has_content>${r.cell}<#else>single run</#if> | ${r.model}<#if r.qualifiers?has_content> <sub><#list r.qualifiers as q>${q.text}<#sep> </#list></sub></#if> | <#if r.state == "failed">**failed:** ${r.error}<#else>${r.top1}</#if> | ${r.params} | ${r.trainImgPerS} | ${r.inferImgPerS} | ${r.setup} |
</#list>
</#if>
<#if chart??>

### Accuracy vs training speed

[![Top-1 accuracy against training images per second, one point per ok run](${chart.png})](${chart.svg})

${chart.points?c} ok run<#if chart.points != 1>s</#if>, labelled by model and coloured by family; measured numbers only. Vector version: [${chart.svg}](${chart.svg}).
</#if>

### Provenance

${report.runs?c} result row<#if report.runs != 1>s</#if><#if report.source?has_content> in ${report.source}</#if>. Each Setup mark names the machine and backend that produced the numbers:

| Setup | Device | Backend | Classifier | Helpers | Threads | JVM | DL4J | Commits (first … last run) | Load avg at start | Runs |
|:---|:---|:---|:---|:---|---:|:---|:---|:---|---:|---:|
<#list report.setups as s>
| ${s.id} | ${s.device} | ${s.backend} | ${s.classifier} | ${s.helpers} | ${s.threads} | ${s.jvm} | ${s.dl4j} | <#list s.commits as c>${c.commit} (${c.firstDate}<#if c.lastDate != c.firstDate> … ${c.lastDate}</#if>)<#sep><br></#list> | ${s.loadAvg} | ${s.runs?c} |
</#list>
<#if pictures?has_content>

### Pictures

Beside this report: contact sheets of augmented training images (`augment-preview`) and learning-rate schedules (`schedule-plot`).
<#list pictures as picture>

![${picture}](${picture})
</#list>
</#if>
