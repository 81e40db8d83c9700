<#ftl output_format="HTML">
<#-- Seed layout as one HTML page: the original README's augmentation-study and main tables, rows from the matrix, -->
<#-- each measured number followed by (seed, measured − seed). Inline stylesheet, no scripts; images (chart, -->
<#-- pictures) only by relative name from the page's own folder. Data model: report = org.cifarzoo.reports.SeedView -->
<#-- (display text); pictures = file names beside the page; chart = AccuracySpeedChart.Link (optional). -->
<#-- The matrix's notes on a seed number (e.g. "mish throughput: train -4%") are the cell's tooltip. -->
<#-- The page is also well-formed XML (all tags closed, no named entities), so tests can parse it. -->
<#macro seedPart f><#if f.seed?has_content> <small class="seed">(seed ${f.seed}<#if f.delta?has_content>, <span class="delta">${f.delta}</span></#if>)</small></#if></#macro>
<#macro figure f><#if f.measured?has_content><span class="measured">${f.measured}</span><#else>—</#if><@seedPart f/></#macro>
<#macro top1 c><#switch c.state><#case "not-run"><span class="not-run">not run</span><#break><#case "failed"><span class="error"><strong>failed:</strong> ${c.error}</span><#break><#default><span class="measured">${c.top1.measured}</span></#switch><@seedPart c.top1/></#macro>
<#macro setup id><#if id?has_content><a href="#${id?lower_case}">${id}</a></#if></#macro>
<#macro note c><#if c.note?has_content><br/><small class="drift">${c.note}</small></#if></#macro>
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8"/>
<title>cifar-zoo: CIFAR-10 results against the seed</title>
<style>
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; margin: 2em auto; max-width: 90em; padding: 0 1em; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { padding: 0.3em 0.7em; border-bottom: 1px solid #d0d7de; vertical-align: top; }
thead th { border-bottom: 2px solid #8c959f; text-align: left; }
thead th.num, td.num { text-align: right; }
td.num { white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.family th { text-align: left; background: #f6f8fa; padding-top: 0.6em; }
tr.failed td, td.failed { background: #fff5f5; }
tr.not-run td, td.not-run { color: #57606a; }
.error { color: #b42318; white-space: pre-line; }
td.num .error { white-space: normal; display: inline-block; max-width: 24em; text-align: left; }
small { color: #57606a; }
small.drift { color: #9a6700; }
abbr { text-decoration: none; }
code { font-size: 0.95em; }
figure { margin: 1em 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #d0d7de; }
</style>
</head>
<body>
<h1>CIFAR-10 results against the seed</h1>
<p>${report.ranCells?c} of ${report.cells?c} cell<#if report.cells != 1>s</#if> of <code>${report.matrix}</code> run<#if report.failedCells gt 0> (${report.failedCells?c} failed)</#if><#if report.source?has_content>, results from <code>${report.source}</code></#if>. Each number reads <em>measured <small>(seed, measured − seed)</small></em>: top-1 is the best epoch's test accuracy in % (rounded to two decimals before the difference is taken), throughputs are 32×32 images per second. The seed's numbers come from an RTX3090 with FP16 + XLA; the Setup marks (P1, …) name the machine and backend that produced each measured number (see Provenance). A row is marked only where it departs from the usual settings: ${report.usualSettings}.</p>
<#if report.augRows?has_content>

<h2>Augmentation study</h2>
<table class="augmentation">
<thead>
<tr><th scope="col">Model \ Augmentation</th><#list report.augColumns as column><th scope="col" class="num">${column}</th></#list></tr>
</thead>
<tbody>
<#list report.augRows as row>
<tr>
<th scope="row">${row.model}<#if row.qualifiers?has_content> <small><#list row.qualifiers as q><abbr title="${q.meaning}">${q.text}</abbr><#sep> </#list></small></#if></th>
<#list row.slots as slot>
<td class="num ${slot.state}"<#if slot.cell?has_content> data-cell="${slot.cell}"</#if><#if slot.seedNotes?has_content> title="seed: ${slot.seedNotes}"</#if><#if slot.csvLine gt 0> data-csv-line="${slot.csvLine?c}"</#if>><#if slot.state == "absent">—<#else><@top1 slot/><#if slot.setup?has_content> <sup><@setup slot.setup/></sup></#if><@note slot/></#if></td>
</#list>
</tr>
</#list>
</tbody>
</table>
</#if>
<#if report.families?has_content>

<h2>Results by family</h2>
<table class="main">
<thead>
<tr><th scope="col" colspan="2">Model</th><th scope="col" class="num">Top-1 % <small>best epoch</small></th><th scope="col" class="num">Params</th><th scope="col" class="num">Training img/s</th><th scope="col" class="num">Inference img/s</th><th scope="col">Setup</th></tr>
</thead>
<#list report.families as family>
<tbody>
<tr class="family"><th colspan="7" scope="rowgroup">${family.family}</th></tr>
<#list family.models as model>
<#list model.variants as v>
<tr class="cell ${v.state}" data-cell="${v.cell}"<#if v.csvLine gt 0> data-csv-line="${v.csvLine?c}"</#if>>
<#if v?is_first><th scope="row" class="model" rowspan="${model.variants?size?c}">${model.model}</th></#if>
<th scope="row" class="variant"<#if v.seedNotes?has_content> title="seed: ${v.seedNotes}"</#if>><small><#list v.qualifiers as q><abbr title="${q.meaning}">${q.text}</abbr><#sep> </#list></small><@note v/></th>
<td class="num top1"><@top1 v/></td>
<td class="num"><@figure v.params/></td>
<td class="num"><@figure v.trainImgPerS/></td>
<td class="num"><@figure v.inferImgPerS/></td>
<td><@setup v.setup/></td>
</tr>
</#list>
</#list>
</tbody>
</#list>
</table>
</#if>
<#if report.otherRuns?has_content>

<h2>Other runs</h2>
<p>Results rows that match no cell of <code>${report.matrix}</code>:</p>
<table class="other">
<thead>
<tr><th scope="col">Run</th><th scope="col">Model</th><th scope="col" class="num">Top-1 % <small>best epoch</small></th><th scope="col" class="num">Params</th><th scope="col" class="num">Training img/s</th><th scope="col" class="num">Inference img/s</th><th scope="col">Setup</th></tr>
</thead>
<tbody>
<#list report.otherRuns as r>
<tr class="run ${r.state}" data-csv-line="${r.csvLine?c}">
<td><#if r.cell?has_content><code>${r.cell}</code><#else>single run</#if></td>
<th scope="row">${r.model}<#if r.qualifiers?has_content> <small><#list r.qualifiers as q><abbr title="${q.meaning}">${q.text}</abbr><#sep> </#list></small></#if></th>
<td class="num"><#if r.state == "failed"><span class="error"><strong>failed:</strong> ${r.error}</span><#else>${r.top1}</#if></td>
<td class="num">${r.params}</td>
<td class="num">${r.trainImgPerS}</td>
<td class="num">${r.inferImgPerS}</td>
<td><@setup r.setup/></td>
</tr>
</#list>
</tbody>
</table>
</#if>
<#if chart??>

<h2>Accuracy vs training speed</h2>
<figure class="chart"><img src="${chart.svg}" alt="Top-1 accuracy against training images per second, one point per ok run"/><figcaption>${chart.points?c} ok run<#if chart.points != 1>s</#if>, labelled by model and coloured by family; measured numbers only. Also as <a href="${chart.png}">PNG</a>.</figcaption></figure>
</#if>

<h2>Provenance</h2>
<p>${report.runs?c} result row<#if report.runs != 1>s</#if><#if report.source?has_content> in <code>${report.source}</code></#if>. Each Setup mark names the machine and backend that produced the numbers:</p>
<table class="provenance">
<thead>
<tr><th scope="col">Setup</th><th scope="col">Device</th><th scope="col">Backend</th><th scope="col">Classifier</th><th scope="col">Helpers</th><th scope="col" class="num">Threads</th><th scope="col">JVM</th><th scope="col">DL4J</th><th scope="col">Commits (first … last run)</th><th scope="col" class="num">Load avg at start</th><th scope="col" class="num">Runs</th></tr>
</thead>
<tbody>
<#list report.setups as s>
<tr id="${s.id?lower_case}">
<th scope="row">${s.id}</th><td>${s.device}</td><td>${s.backend}</td><td>${s.classifier}</td><td>${s.helpers}</td><td class="num">${s.threads}</td><td>${s.jvm}</td><td>${s.dl4j}</td>
<td><#list s.commits as c><code>${c.commit}</code> ${c.firstDate}<#if c.lastDate != c.firstDate> … ${c.lastDate}</#if> <small>(${c.runs?c} run<#if c.runs != 1>s</#if>)</small><#sep><br/></#list></td>
<td class="num">${s.loadAvg}</td><td class="num">${s.runs?c}</td>
</tr>
</#list>
</tbody>
</table>
<#if pictures?has_content>

<h2>Pictures</h2>
<p>Beside this page: contact sheets of augmented training images (<code>augment-preview</code>) and learning-rate schedules (<code>schedule-plot</code>).</p>
<#list pictures as picture>
<figure><img src="${picture}" alt="${picture}"/><figcaption><code>${picture}</code></figcaption></figure>
</#list>
</#if>
</body>
</html>
