<#ftl output_format="Markdown">
<#-- The README's table of speed changes. Data model: changes = org.cifarzoo.reports.SpeedChanges, whose texts are
     Markdown already (code spans), checked free of the table's '|' when read. -->
| change | where | effect: before → after, each pair of runs interleaved (speed-up: the median over the pairs) |
|---|---|---|
<#list changes.changes() as change>
| ${change.text()?no_esc} | ${change.where()?no_esc} | ${change.effect()?no_esc} |
</#list>
