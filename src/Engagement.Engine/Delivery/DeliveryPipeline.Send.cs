using Engagement.Engine.Ports;
using Engagement.Engine.Profiles;
using Engagement.Engine.Templates;
using Engagement.Engine.Timeline;
using Engagement.Engine.Unsubscribe;
using Engagement.Journeys.Channels;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Engagement.Engine.Delivery;

/// <summary>Rendering and the provider call with retries.</summary>
public sealed partial class DeliveryPipeline
{
    /// <summary>The profile as the template sees it: nothing when no file of it reads the profile, only the top-level fields
    /// it reads when the renderer can tell (each as the snapshot's data holds it, without building the data), else all of it.</summary>
    private Value ProfileModel(string templateId, ProfileSnapshot snapshot)
    {
        if (!_renderer.Reads(templateId, "profile"))
        {
            return Value.EmptyObject;
        }

        if (_renderer.KeysRead(templateId, "profile") is not { } keys)
        {
            return snapshot.Data;
        }

        var fields = System.Collections.Immutable.ImmutableSortedDictionary.CreateBuilder<string, Value>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (snapshot.Get([key]) is { IsMissing: false } field)
            {
                fields[key] = field;
            }
        }

        return Value.FromFields(fields.ToImmutable());
    }

    private async ValueTask SendAsync(PendingSend send, LedgerEntry entry, BatchState state, Value @event, Instant now, CancellationToken ct)
    {
        var channel = entry.Channel!;
        var profile = state.Profile;
        string? link = _links is not null && send.Marketing ? _links.For(send.CustomerId, channel, now) : null;
        IReadOnlyDictionary<string, string> links = link is null
            ? System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty
            : new Dictionary<string, string> { ["unsubscribe"] = link };
        var request = _renderer.ReadsModel
            ? new TemplateRequest(
                send.Template, channel, Locales(profile.Locale, send.DefaultLocale),
                ProfileModel(send.Template, state.Snapshot),
                _renderer.Reads(send.Template, "event") ? @event : Value.EmptyObject,
                _renderer.Reads(send.Template, "enrollment") ? send.EnrollmentValue(now) : Value.EmptyObject,
                links)
            : new TemplateRequest(send.Template, channel, Locales(profile.Locale, send.DefaultLocale), Value.EmptyObject, Value.EmptyObject, Value.EmptyObject, links);
        var rendered = _renderer.Render(request);
        if (rendered is null)
        {
            await FailAsync(send, entry, now, DeliveryReasons.TemplateMissing, null, null, 0, ct).ConfigureAwait(false);
            return;
        }

        if (!_senders.TryGetValue(channel, out var sender))
        {
            await FailAsync(send, entry, now, DeliveryReasons.NoSender, null, rendered.Locale, 0, ct).ConfigureAwait(false);
            return;
        }

        var message = new OutboundMessage
        {
            LedgerKey = send.LedgerKey,
            Channel = channel,
            CustomerId = send.CustomerId,
            To = Address(profile, channel),
            Subject = rendered.Subject,
            Body = rendered.Body,
            Headers = link is not null && ChannelRegistry.Shared.Find(channel) is { CarriesUnsubscribeHeaders: true } ? UnsubscribeLinks.Headers(link) : OutboundMessage.EmptyHeaders,
            Journey = send.Journey,
            Step = send.Step,
            Template = send.Template,
            Locale = rendered.Locale,
        };

        var retry = Policy.Retry;
        for (var attempt = 1; ; attempt++)
        {
            var result = await CallAsync(sender, message, ct).ConfigureAwait(false);
            switch (result.Status)
            {
                case SendStatus.Sent:
                    await _ledger.UpdateAsync(entry with { Status = LedgerStatus.Sent, SentAt = now, Attempts = attempt, ProviderMessageId = result.ProviderMessageId }, ct).ConfigureAwait(false);
                    state.Caps.Record(send.Category, channel);
                    await RecordAsync(send, TimelineKind.Sent, now, channel, null, null, rendered.Locale, ct).ConfigureAwait(false);
                    return;
                case SendStatus.TransientFailure when attempt < retry.MaxAttempts:
                    _logger?.LogInformation("Transient failure on {Channel} for ledger key {LedgerKey}, attempt {Attempt}", channel, send.LedgerKey, attempt);
                    await _delay(retry.DelayAfter(attempt, send.LedgerKey), ct).ConfigureAwait(false);
                    continue;
                case SendStatus.TransientFailure:
                    await FailAsync(send, entry, now, DeliveryReasons.RetriesExhausted, result.Reason, rendered.Locale, attempt, ct).ConfigureAwait(false);
                    return;
                case SendStatus.InvalidContact:
                    await MarkInvalidAsync(state, channel, ct).ConfigureAwait(false);
                    await FailAsync(send, entry, now, DeliveryReasons.InvalidContact, result.Reason, rendered.Locale, attempt, ct).ConfigureAwait(false);
                    return;
                default:
                    await FailAsync(send, entry, now, result.Reason ?? DeliveryReasons.PermanentFailure, null, rendered.Locale, attempt, ct).ConfigureAwait(false);
                    return;
            }
        }
    }

    private async ValueTask<SendResult> CallAsync(IChannelSender sender, OutboundMessage message, CancellationToken ct)
    {
        try
        {
            return await sender.SendAsync(message, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Senders must not throw; if one does, treat it as transient. The exception text may hold contact details: only its type is kept.
            _logger?.LogWarning("Sender for {Channel} threw {ExceptionType} for ledger key {LedgerKey}", message.Channel, ex.GetType().Name, message.LedgerKey);
            return new SendResult(SendStatus.TransientFailure, Reason: ex.GetType().Name);
        }
    }

    private async ValueTask FailAsync(PendingSend send, LedgerEntry entry, Instant now, string reason, string? detail, string? locale, int attempts, CancellationToken ct)
    {
        await _ledger.UpdateAsync(entry with { Status = LedgerStatus.Failed, Reason = reason, Attempts = attempts }, ct).ConfigureAwait(false);
        await RecordAsync(send, TimelineKind.Failed, now, entry.Channel, reason, detail, locale, ct).ConfigureAwait(false);
    }

    private async ValueTask MarkInvalidAsync(BatchState state, string channel, CancellationToken ct)
    {
        var current = await _profiles.GetAsync(state.Profile.CustomerId, ct).ConfigureAwait(false) ?? state.Profile;
        var marked = current with { InvalidChannels = current.InvalidChannels.Add(channel) };
        await _profiles.SaveAsync(marked, ct).ConfigureAwait(false);
        state.Replace(marked);
    }

    private static string Address(CustomerProfile profile, string channel) =>
        profile.Address(channel) ?? throw new InvalidOperationException($"channel '{channel}' passed the contact guard without an address");

    /// <summary>Locales to try: the profile's, its language, the journey default, then <c>en</c>. A member base has a few
    /// locales, so each pair's list is made once (up to <see cref="LocaleListsKept"/> pairs) and shared: the lists are never
    /// changed.</summary>
    internal static IReadOnlyList<string> Locales(string? profileLocale, string defaultLocale)
    {
        var key = (profileLocale ?? string.Empty, defaultLocale);
        if (LocaleLists.TryGetValue(key, out var known))
        {
            return known;
        }

        var made = MakeLocales(profileLocale, defaultLocale);
        if (LocaleLists.Count < LocaleListsKept)
        {
            LocaleLists.TryAdd(key, made);
        }

        return made;
    }

    /// <summary>The most (profile locale, journey default) pairs whose lists <see cref="Locales"/> keeps.</summary>
    private const int LocaleListsKept = 1024;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), IReadOnlyList<string>> LocaleLists = new();

    private static IReadOnlyList<string> MakeLocales(string? profileLocale, string defaultLocale)
    {
        var list = new List<string>(4);
        void Add(string? locale)
        {
            if (!string.IsNullOrWhiteSpace(locale) && !list.Contains(locale, StringComparer.OrdinalIgnoreCase))
            {
                list.Add(locale);
            }
        }

        Add(profileLocale);
        var dash = profileLocale?.IndexOf('-') ?? -1;
        Add(dash > 0 ? profileLocale![..dash] : null);
        Add(defaultLocale);
        Add("en");
        return list.AsReadOnly();
    }
}
