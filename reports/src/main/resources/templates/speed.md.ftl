<#ftl output_format="Markdown">
<#-- The README's speed table: one run of bench/speed-vs-pytorch. Data model: speed = org.cifarzoo.reports.SpeedTable. -->
<#assign rounds = speed.rounds()>
One run of `bench/speed-vs-pytorch` (${speed.measured}; batch ${speed.rows[0].batch?c}, fp32, random inputs<#if rounds gt 1>;
${rounds} interleaved rounds, each system once per round</#if>).
Inference runs the inference graph, batch norms folded into the convolutions before them, as PyTorch runs its frozen
model.
<#if rounds gt 1>A cell is the median of the rounds, then the share of the SGEMM peak measured in the same process, then
the rounds' range.<#else>The share of peak is of the SGEMM peak measured in the same process.</#if>

| System | Model | Setting | Training img/s | Inference img/s |
|:---|:---|:---|---:|---:|
<#list speed.entries() as entry>
| ${entry.system()} | ${entry.model()} | ${entry.setting()} | ${entry.train()} | ${entry.inference()} |
</#list>

cifar-zoo's fast path against PyTorch in that run<#if rounds gt 1> (medians, and the range of the round-by-round
ratios)</#if>:
<#list speed.comparisons() as line>
- ${line}
</#list>
