using Engagement.Journeys.Channels;
using Engagement.Engine.Templates;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Parsing;

namespace Engagement.Engine.Catalog;

/// <summary>
/// Checks at load time what would otherwise fail a send at run time (<c>failed[template-missing]</c>): every channel a
/// <c>send</c> step can reach — its fixed channel, or for <c>preferred</c> every channel, plus its <c>fallback</c> list —
/// needs a template file in a locale every customer falls back to: the journey's <c>defaultLocale</c> or <c>en</c>.
/// </summary>
public static class TemplateCoverage
{
    /// <summary>The diagnostic code: a reachable channel has no template in the default locale.</summary>
    public const string Code = "TPL002";

    /// <summary>One error per (send step, channel) that has no template every customer can be served from.</summary>
    public static IEnumerable<JourneyDiagnostic> Check(IEnumerable<JourneyDefinition> journeys, LiquidTemplateRenderer templates)
    {
        foreach (var journey in journeys)
        {
            foreach (var send in journey.Steps.Values.OfType<SendStep>().OrderBy(s => s.Location.Line).ThenBy(s => s.Id, StringComparer.Ordinal))
            {
                if (!templates.Ids.Contains(send.Template))
                {
                    continue; // JNY013 already says the template does not exist at all
                }

                var reachable = (send.Channel == ChannelRegistry.Preferred ? [.. ChannelRegistry.Shared.Names] : new[] { send.Channel }).Concat(send.Fallback).Distinct(StringComparer.Ordinal);
                foreach (var channel in reachable.Where(ChannelRegistry.Shared.Names.Contains))
                {
                    if (templates.Has(send.Template, channel, journey.DefaultLocale) || templates.Has(send.Template, channel, "en"))
                    {
                        continue;
                    }

                    var how = send.Channel == channel ? "its channel" : send.Channel == ChannelRegistry.Preferred && !send.Fallback.Contains(channel) ? "'preferred' can choose it" : "it is in its fallback";
                    var locales = journey.DefaultLocale == "en" ? "'en'" : $"'{journey.DefaultLocale}' (the journey's defaultLocale) or 'en'";
                    yield return new JourneyDiagnostic(send.Location, Code,
                        $"steps.{send.Id} can send on {channel} ({how}) but template '{send.Template}' has no {channel} file in {locales}: add templates/{send.Template}.{channel}.{journey.DefaultLocale}.liquid, or it fails at run time (template-missing)");
                }
            }
        }
    }
}
