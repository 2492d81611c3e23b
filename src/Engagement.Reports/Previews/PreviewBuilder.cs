using Engagement.Journeys.Channels;
using Engagement.Engine.Templates;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Values;

namespace Engagement.Reports.Previews;

/// <summary>
/// Renders every send step of a journey for a made-up sample customer (never a real profile: previews carry no contact
/// details) in each locale the templates have (zh-CN, en) and each channel the step may use (its channel, or every channel
/// for <c>preferred</c>, plus its fallbacks).
/// </summary>
public sealed class PreviewBuilder(LiquidTemplateRenderer templates)
{
    /// <summary>The locales previewed.</summary>
    public static readonly IReadOnlyList<string> Locales = ["zh-CN", "en"];

    /// <summary>The previews of a journey, in file order of its send steps.</summary>
    public IReadOnlyList<MessagePreview> For(JourneyDefinition d)
    {
        var list = new List<MessagePreview>();
        foreach (var send in Funnel.StepTypes.InFileOrder(d).OfType<SendStep>())
        {
            var channels = (send.Channel == ChannelRegistry.Preferred ? [.. ChannelRegistry.Shared.Names] : new[] { send.Channel }).Concat(send.Fallback).Distinct(StringComparer.Ordinal);
            foreach (var channel in channels)
            {
                foreach (var locale in Locales)
                {
                    var request = new TemplateRequest(send.Template, channel, [locale], Sample(locale), SampleEvent, Value.EmptyObject
                        .With("journey", Value.FromString(d.Id)).With("key", Value.FromString("sample")), Links);
                    if (templates.ResolveLocale(request) is null)
                    {
                        continue;
                    }

                    try
                    {
                        var r = templates.Render(request)!;
                        list.Add(new MessagePreview(send.Id, channel, locale, r.Subject, r.Body, channel == "sms" ? SmsLength.Of(r.Body) : null, null));
                    }
                    catch (Exception ex) when (ex is DotLiquid.Exceptions.LiquidException or InvalidOperationException or ArgumentException)
                    {
                        list.Add(new MessagePreview(send.Id, channel, locale, null, string.Empty, null, $"{send.Template}.{channel}.{locale}: {ex.Message}"));
                    }
                }
            }
        }

        return list;
    }

    private static readonly IReadOnlyDictionary<string, string> Links = new Dictionary<string, string> { ["unsubscribe"] = "https://example.invalid/u/sample" };

    private static readonly Value SampleEvent = Value.EmptyObject
        .With("orderId", Value.FromString("o-sample-1")).With("amount", Value.FromNumber(299)).With("complaintId", Value.FromString("cmp-sample"))
        .With("from", Value.FromString("Silver")).With("to", Value.FromString("Gold"));

    private static Value Sample(string locale) => Value.EmptyObject
        .With("customerId", Value.FromString("c-sample"))
        .With("locale", Value.FromString(locale))
        .With("tier", Value.FromString("Gold"))
        .With("points", Value.FromNumber(1280))
        .With("pointsExpireOn", Value.FromString("2026-12-31"))
        .With("lifecycleStage", Value.FromString("active"));
}
