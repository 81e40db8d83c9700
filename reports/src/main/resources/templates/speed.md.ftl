<#ftl output_format="Markdown">
<#-- The README's speed table: one run of bench/speed-vs-pytorch. Data model: speed = org.cifarzoo.reports.SpeedTable. -->
One run of `bench/speed-vs-pytorch` (${speed.measured}; batch ${speed.rows[0].batch?c}, fp32, random 32×32 inputs;
the share of peak is of the SGEMM peak measured in the same run):

| System | Model | Setting | Training img/s | Inference img/s |
|:---|:---|:---|---:|---:|
<#list speed.rows as row>
| ${row.system} | ${row.model} | ${row.setting} | ${row.train()} | ${row.inference()} |
</#list>

cifar-zoo's fast path against PyTorch in that run:
<#list speed.comparisons() as line>
- ${line}
</#list>
