<#ftl output_format="HTML">
<#-- Results table as one self-contained HTML page: inline stylesheet, no scripts, no external resources -->
<#-- except the optional Pictures section, which shows image files of the page's own folder by relative name. -->
<#-- Data model: report = org.cifarzoo.reports.ReportView; numbers arrive already formatted. -->
<#-- pictures = file names (augment-*.png, schedule*.png|svg) found beside the page. -->
<#-- chart = AccuracySpeedChart.Link, only from ReportRenderer.render(csv, matrix, outDir) with something to plot. -->
<#-- The page is also well-formed XML (all tags closed, no named entities), so tests can parse it. -->
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8"/>
<title>cifar-zoo: CIFAR-10 results</title>
<style>
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; margin: 2em auto; max-width: 80em; padding: 0 1em; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { padding: 0.3em 0.7em; border-bottom: 1px solid #d0d7de; vertical-align: top; }
thead th { border-bottom: 2px solid #8c959f; text-align: left; }
thead th.num, td.num { text-align: right; }
td.num { white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.family th { text-align: left; background: #f6f8fa; padding-top: 0.6em; }
tr.failed td { background: #fff5f5; }
td.error { color: #b42318; text-align: left; white-space: pre-line; max-width: 28em; }
small { color: #57606a; }
abbr { text-decoration: none; }
code { font-size: 0.95em; }
figure { margin: 1em 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #d0d7de; }
</style>
</head>
<body>
<h1>CIFAR-10 results</h1>
<p>${report.runs?c} run<#if report.runs != 1>s</#if><#if report.failedRuns gt 0> (${report.failedRuns?c} failed)</#if><#if report.source?has_content> from <code>${report.source}</code></#if>. The Setup column points to the machine and backend that produced each row (see Provenance).</p>
<table class="results">
<thead>
<tr><th scope="col">Model</th><th scope="col" class="num">Top-1 best % <small>last</small></th><th scope="col" class="num">Params</th><th scope="col" class="num">Training img/s <small>± sd</small></th><th scope="col" class="num">Inference img/s</th><th scope="col" class="num">Epochs</th><th scope="col">Augmentation</th><th scope="col" class="num">Wall time</th><th scope="col">Setup</th></tr>
</thead>
<#list report.groups as group>
<tbody>
<tr class="family"><th colspan="9" scope="rowgroup">${group.family}</th></tr>
<#list group.lines as line>
<tr class="run ${line.failed?then('failed', 'ok')}" data-csv-line="${line.csvLine?c}">
<th scope="row">${line.model}<#if line.qualifiers?has_content> <small><#list line.qualifiers as q><abbr title="${q.meaning}">${q.text}</abbr><#sep> </#list></small></#if></th>
<#if line.failed>
<td class="error"><strong>failed:</strong> ${line.error}</td>
<#else>
<td class="num">${line.top1Best}<#if line.top1Last?has_content> <small>last ${line.top1Last}</small></#if></td>
</#if>
<td class="num">${line.params}</td>
<td class="num">${line.trainImgPerS}<#if line.trainImgPerSSd?has_content> <small>± ${line.trainImgPerSSd}</small></#if></td>
<td class="num">${line.inferImgPerS}</td>
<td class="num">${line.epochs}</td>
<td>${line.augmentation}</td>
<td class="num">${line.wallTime}</td>
<td><a href="#${line.setup?lower_case}">${line.setup}</a></td>
</tr>
</#list>
</tbody>
</#list>
<#if report.runs == 0>
<tbody><tr><td colspan="9">No runs in the results CSV yet.</td></tr></tbody>
</#if>
</table>

<h2>Provenance</h2>
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
<#if chart??>

<h2>Accuracy vs training speed</h2>
<figure class="chart"><img src="${chart.svg}" alt="Top-1 accuracy against training images per second, one point per ok run"/><figcaption>${chart.points?c} ok run<#if chart.points != 1>s</#if>, labelled by model and coloured by family. Also as <a href="${chart.png}">PNG</a>.</figcaption></figure>
</#if>
<#if pictures?has_content>

<h2>Pictures</h2>
<p>Beside this page: contact sheets of augmented training images (<code>augment-preview</code>) and learning-rate schedules (<code>schedule-plot</code>).</p>
<#list pictures as picture>
<figure><img src="${picture}" alt="${picture}"/><figcaption><code>${picture}</code></figcaption></figure>
</#list>
</#if>
</body>
</html>
