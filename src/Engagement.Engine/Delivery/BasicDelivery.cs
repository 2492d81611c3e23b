using Engagement.Engine.Ports;
using Engagement.Engine.Profiles;
using Engagement.Engine.Templates;
using Engagement.Engine.Timeline;
using Engagement.Journeys.Definitions;
using NodaTime;

namespace Engagement.Engine.Delivery;

/// <summary>
/// The minimum every send passes: a contact point, consent for the purpose (marketing needs a granted marketing consent on
/// the channel; transactional needs no revoked transactional consent), <c>preferred</c> and <c>fallback</c> channel walks,
/// ledger reservation before the provider call (exactly once), rendering with locale fallback, and the provider call.
/// Higher journey priority goes first inside a batch. Quiet hours, frequency caps and suppression rules are the full
/// guard pipeline's (docs/delivery.md).
/// </summary>
public sealed class BasicDelivery(ITemplateRenderer templates, IMessageLedger ledger, ITimelineSink timeline, IReadOnlyList<IChannelSender> channels) : IDelivery
{
    private static readonly string[] AllChannels = ["email", "sms", "push"];

    /// <inheritdoc/>
    public async ValueTask DeliverAsync(IReadOnlyList<DeliveryRequest> batch, CancellationToken cancellationToken)
    {
        foreach (var request in batch.OrderByDescending(r => r.Journey.Priority).ThenBy(r => r.Journey.Id, StringComparer.Ordinal).ThenBy(r => r.Send.StepId, StringComparer.Ordinal))
        {
            await DeliverOneAsync(request, cancellationToken);
        }
    }

    /// <inheritdoc/>
    public ValueTask DeliverDeferredAsync(string ledgerKey, Instant now, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    private async ValueTask DeliverOneAsync(DeliveryRequest r, CancellationToken ct)
    {
        var marketing = r.Journey.Category == JourneyCategory.Marketing;
        var candidates = r.Send.Channel == "preferred"
            ? r.Profile.Channels.Concat(AllChannels).Concat(r.Send.Fallback).Distinct().Where(AllChannels.Contains).ToList()
            : [r.Send.Channel, .. r.Send.Fallback];
        string? channel = null;
        var reason = "no-contact";
        foreach (var c in candidates)
        {
            if (!r.Profile.HasContact(c))
            {
                continue;
            }

            var consent = r.Profile.ConsentFor(c, marketing ? ConsentPurpose.Marketing : ConsentPurpose.Transactional);
            if (marketing ? consent?.Granted != true : consent?.Granted == false)
            {
                reason = "no-consent";
                continue;
            }

            if (channels.All(s => s.Channel != c) || !templates.Exists(r.Send.Template, c))
            {
                reason = "no-template-for-channel";
                continue;
            }

            channel = c;
            break;
        }

        var entry = new LedgerEntry { Key = r.Send.LedgerKey, CustomerId = r.Profile.CustomerId, Journey = r.Journey.Id, Step = r.Send.StepId!, Channel = channel, Marketing = marketing, At = r.Now };
        if (!await ledger.TryReserveAsync(entry, ct))
        {
            return; // decided before: a replay or duplicate never sends twice
        }

        if (channel is null)
        {
            await ledger.UpdateAsync(entry with { Status = LedgerStatus.Suppressed, Reason = reason }, ct);
            await RecordAsync(r, TimelineKind.Suppressed, r.Send.Channel, null, reason, ct);
            return;
        }

        var model = new TemplateRequest(r.Send.Template, channel, LiquidTemplateRenderer.LocaleChain(r.Profile.Locale, r.Journey.DefaultLocale),
            r.Profile.ToSnapshot().Data, r.Enrollment.Event, TemplateModels.Enrollment(r.Enrollment), new Dictionary<string, string>());
        var rendered = templates.Render(model)!;
        var message = new OutboundMessage
        {
            LedgerKey = r.Send.LedgerKey, Channel = channel, CustomerId = r.Profile.CustomerId,
            To = channel switch { "email" => r.Profile.Email!, "sms" => r.Profile.Phone!, _ => r.Profile.PushTokens[0] },
            Subject = rendered.Subject, Body = rendered.Body, Journey = r.Journey.Id, Step = r.Send.StepId!, Template = r.Send.Template, Locale = rendered.Locale,
        };
        var result = await channels.First(s => s.Channel == channel).SendAsync(message, ct);
        if (result.Status == SendStatus.Sent)
        {
            await ledger.UpdateAsync(entry with { Status = LedgerStatus.Sent, SentAt = r.Now }, ct);
            await RecordAsync(r, TimelineKind.Sent, channel, rendered.Locale, null, ct);
        }
        else
        {
            await ledger.UpdateAsync(entry with { Status = LedgerStatus.Failed, Reason = result.Reason }, ct);
            await RecordAsync(r, TimelineKind.Failed, channel, rendered.Locale, result.Reason ?? result.Status.ToString(), ct);
        }
    }

    private ValueTask RecordAsync(DeliveryRequest r, TimelineKind kind, string channel, string? locale, string? reason, CancellationToken ct) =>
        timeline.RecordAsync(new TimelineEntry
        {
            At = r.Now, Kind = kind, CustomerId = r.Profile.CustomerId, Journey = r.Journey.Id, Version = r.Journey.Version, Step = r.Send.StepId!,
            Channel = channel, Template = r.Send.Template, Locale = locale, Variant = r.Enrollment.Variant, Reason = reason,
            Holdout = r.Enrollment.Holdout, EnrollmentId = r.Enrollment.EnrollmentId,
        }, ct);
}
