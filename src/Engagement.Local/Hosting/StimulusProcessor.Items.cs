using Engagement.Engine.Profiles;
using Engagement.Engine.Serialization;
using Engagement.Journeys.Runtime;
using Engagement.Local.Storage;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Engagement.Local.Hosting;

/// <summary>Running one agenda item, and setting aside one that throws.</summary>
internal sealed partial class StimulusProcessor
{
    private async ValueTask HandleAsync(AgendaItem item)
    {
        _state.Now = NowFor(item);
        switch (item.Kind)
        {
            case AgendaKind.ProfileImport:
                var imported = EngineJson.Deserialize<CustomerProfile>(_state.Session.Open(item.Json!));
                var existing = await _profiles.GetAsync(imported.CustomerId, CancellationToken.None).ConfigureAwait(false);
                await _profiles.SaveAsync(ProfileImport.Merge(existing, imported), CancellationToken.None).ConfigureAwait(false);
                _state.Session.Execute("UPDATE profile_imports SET status = 'imported' WHERE seq = $s", ("$s", item.Seq));
                break;
            case AgendaKind.Event:
                var e = InboxEvent(item);
                if (e.Type == OutboxDispatcher.ContactInvalid && e.Data["channel"].AsString() is { } channel
                    && await _profiles.GetAsync(e.CustomerId, CancellationToken.None).ConfigureAwait(false) is { } profile && !profile.InvalidChannels.Contains(channel))
                {
                    await _profiles.SaveAsync(profile with { InvalidChannels = profile.InvalidChannels.Add(channel) }, CancellationToken.None).ConfigureAwait(false);
                }

                _state.PendingEventId = item.Key;
                try
                {
                    if (await _engine.HandleEventAsync(e, _state.Now, CancellationToken.None).ConfigureAwait(false))
                    {
                        _state.Processed();
                    }
                }
                finally
                {
                    _state.PendingEventId = null;
                }

                break;
            case AgendaKind.WakeUp:
                _state.Session.Execute("DELETE FROM timers WHERE timer_key = $k", ("$k", item.Key));
                await _engine.HandleWakeUpAsync(item.Target, Ticks.At(item.DueAt), _state.Now, CancellationToken.None).ConfigureAwait(false);
                break;
            default:
                _state.Session.Execute("DELETE FROM timers WHERE timer_key = $k", ("$k", item.Key));
                await _pipeline.DeliverDeferredAsync(item.Target, _state.Now, CancellationToken.None).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>The event of an inbox item: the one handed over in memory when the processor wrote it in this process, else
    /// read from its JSON (the row's, or read now when the item was listed as handed over and no longer is).</summary>
    private CustomerEvent InboxEvent(AgendaItem item)
    {
        if (item.Json is null && _state.HandedOver.Take(item.Key) is { } handedOver)
        {
            return handedOver;
        }

        var json = item.Json ?? (string)_state.Session.Scalar("SELECT json FROM inbox WHERE seq = $s", ("$s", item.Seq))!;
        return EngineJson.Deserialize<CustomerEvent>(_state.Session.Open(json));
    }

    private Instant NowFor(AgendaItem item)
    {
        if (_options.Clock == ClockMode.Real)
        {
            return Ticks.Truncate(_clock.GetCurrentInstant());
        }

        if (item.Kind != AgendaKind.ProfileImport)
        {
            _lastNow = Math.Max(_lastNow, item.DueAt);
        }

        return Ticks.At(_lastNow);
    }

    /// <summary>An item that throws (not a storage failure) would stop the host forever: it is set aside with the exception type and the group is redone without it.</summary>
    private void Quarantine(AgendaItem item, Exception ex)
    {
        _logger.LogError("Setting aside {Kind} {Key}: it failed with {ExceptionType}", item.Kind, item.Key, ex.GetType().Name);
        _state.Begin();
        switch (item.Kind)
        {
            case AgendaKind.ProfileImport:
                _state.Session.Execute("UPDATE profile_imports SET status = 'failed' WHERE seq = $s", ("$s", item.Seq));
                break;
            case AgendaKind.Event:
                _state.Session.Execute("UPDATE inbox SET status = 'failed', error = $e WHERE seq = $s", ("$s", item.Seq), ("$e", _state.Session.Seal(ex.GetType().Name)));
                break;
            default:
                _state.Session.Execute("DELETE FROM timers WHERE timer_key = $k", ("$k", item.Key));
                _state.AddStat("failed_timers", 1, replace: false);
                break;
        }

        _state.Commit();
        Tally.AddSetAside();
    }
}
