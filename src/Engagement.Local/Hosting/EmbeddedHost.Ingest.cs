using System.Security.Cryptography;
using System.Text;
using Engagement.Engine.Events;
using Engagement.Engine.Profiles;
using Engagement.Engine.Serialization;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using Engagement.Local.Storage;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Engagement.Local.Hosting;

/// <summary>Input: event lines, profile lines, erasure and unsubscribe requests, each committed before the call returns.</summary>
public sealed partial class EmbeddedHost
{
    /// <inheritdoc/>
    public ValueTask<IngestResult> IngestAsync(IReadOnlyList<string> lines, string source, CancellationToken cancellationToken) =>
        IngestAsync(lines, source, 1, cancellationToken);

    /// <summary>As <see cref="IngestAsync(IReadOnlyList{string}, string, CancellationToken)"/>; rejections are kept with line
    /// numbers counted from <paramref name="firstLine"/> (a file fed in chunks), the result still counts positions in the batch.</summary>
    public async ValueTask<IngestResult> IngestAsync(IReadOnlyList<string> lines, string source, int firstLine, CancellationToken cancellationToken)
    {
        var accepted = new List<(CustomerEvent Event, int Line)>(lines.Count);
        var errors = new List<IngestLineError>();
        var virtualClock = _options.Clock == ClockMode.Virtual;
        var latest = virtualClock && _processor.Watermark is { } mark ? Ticks.At(mark) : (NodaTime.Instant?)null;
        var receivedAt = _clock.GetCurrentInstant();
        for (var i = 0; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            if (EventParser.TryParse(lines[i], _queries.CustomersByContact, out var e, out var field, out var error))
            {
                var implausible = virtualClock
                    ? (_options.EventWindow ?? EventTimeWindow.DefaultStreamed).Check(e!.Time, latest, "the latest accepted event time")
                    : (_options.EventWindow ?? EventTimeWindow.Default).Check(e!.Time, receivedAt, "the time it was received,");
                if (implausible is not null)
                {
                    errors.Add(new IngestLineError(i + 1, "time", implausible, e.Id));
                    continue;
                }

                accepted.Add((e, i));
                latest = latest is { } l && l > e.Time ? l : e.Time;
            }
            else
            {
                errors.Add(new IngestLineError(i + 1, field, error!, IdOf(lines[i])));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();

        // Serialized and sealed here, on the caller's thread, so the single writer only inserts; sealed again in the write
        // should a key rotation have changed the current key meanwhile.
        var protector = _database.Protector;
        var stored = accepted.Select(a => SqliteSession.SealJson(protector, a.Event)).ToList();
        var (added, duplicates) = await WriteInputAsync(s =>
        {
            var now = Ticks.Of(_clock.GetCurrentInstant());
            foreach (var error in errors)
            {
                SqliteEventInbox.Reject(s, new RejectedEvent(source, _clock.GetCurrentInstant(), lines[error.Line - 1], error.Field, error.Reason, error.EventId), firstLine + error.Line - 1);
            }

            var n = 0;
            var current = ReferenceEquals(s.Protector, protector);
            for (var k = 0; k < accepted.Count; k++)
            {
                var (e, line) = accepted[k];
                if (!current)
                {
                    stored[k].Release(); // sealed under a key rotated out meanwhile: sealed again in the insert
                }

                n += Insert(s, e, source, firstLine + line, now, current ? stored[k] : null);
            }

            // Before the processor can see these events (it may be this group's own): in virtual time, timers strictly
            // before the latest of them may now run, and must run before them.
            if (accepted.Count > 0)
            {
                _processor.RaiseWatermark(Ticks.Of(accepted.Max(a => a.Event.Time)));
            }

            return (n, accepted.Count - n);
        }, cancellationToken).ConfigureAwait(false);

        _processorWake.Set();
        _logger.LogInformation("Ingested from {Source}: {Accepted} accepted, {Duplicates} duplicates, {Rejected} rejected", source, added, duplicates, errors.Count);
        return new IngestResult(added, duplicates, errors);
    }

    /// <summary>
    /// Accepts profile lines (the <c>engage simulate --profiles</c> format). A line seen before (same text) is skipped, so a file
    /// can be fed again after a restart; the processor applies new ones before any event (see <see cref="ProfileImport"/>).
    /// </summary>
    public async ValueTask<IngestResult> IngestProfilesAsync(IReadOnlyList<string> lines, string source, CancellationToken cancellationToken)
    {
        var parsed = new List<(CustomerProfile Profile, string Hash)>();
        var errors = new List<IngestLineError>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            if (ProfileParser.TryParse(lines[i], out var profile, out var field, out var error))
            {
                parsed.Add((profile!, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(lines[i])))));
            }
            else
            {
                errors.Add(new IngestLineError(i + 1, field, error!, null));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var protector = _database.Protector;
        var stored = parsed.Select(p => protector.Protect(EngineJson.Serialize(p.Profile))).ToList();
        var (added, duplicates) = await WriteInputAsync(s =>
        {
            foreach (var error in errors)
            {
                SqliteEventInbox.Reject(s, new RejectedEvent(source, _clock.GetCurrentInstant(), lines[error.Line - 1], error.Field, error.Reason), error.Line);
            }

            var n = 0;
            var current = ReferenceEquals(s.Protector, protector);
            for (var k = 0; k < parsed.Count; k++)
            {
                var (profile, hash) = parsed[k];
                n += s.Execute("INSERT INTO profile_imports (hash, customer_id, source, status, json) VALUES ($h, $c, $s, 'pending', $j) ON CONFLICT (hash) DO NOTHING",
                    ("$h", hash), ("$c", profile.CustomerId), ("$s", source), ("$j", current ? stored[k] : s.Seal(EngineJson.Serialize(profile))));
            }

            // Before the commit, so the processor's next group, which may start at once, looks for imports first.
            _processor.ImportsArrived();

            return (n, parsed.Count - n);
        }, cancellationToken).ConfigureAwait(false);

        _processorWake.Set();
        _logger.LogInformation("Profiles from {Source}: {Accepted} accepted, {Duplicates} seen before, {Rejected} rejected", source, added, duplicates, errors.Count);
        return new IngestResult(added, duplicates, errors);
    }

    /// <inheritdoc/>
    public async ValueTask<bool> EraseCustomerAsync(string customerId, CancellationToken cancellationToken)
    {
        if (!_queries.CustomerExists(customerId))
        {
            return false;
        }

        var now = _clock.GetCurrentInstant();
        await EnqueueAsync(new CustomerEvent($"erase-{customerId}-{Ticks.Of(now)}", "customer.erased", customerId, Ticks.Truncate(now), Value.EmptyObject), "api:erase", cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Erasure queued for customer {CustomerId}", customerId);
        return true;
    }

    /// <inheritdoc/>
    public async ValueTask<bool> UnsubscribeAsync(string token, CancellationToken cancellationToken)
    {
        var now = _clock.GetCurrentInstant();
        if (!_tokens.TryValidate(token, now, out var customerId, out var channel, out var reason))
        {
            _logger.LogInformation("Unsubscribe token refused: {Reason}", reason);
            return false;
        }

        // One event per token: clicking the link twice is a duplicate, not a second consent record.
        var id = "unsubscribe-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..32].ToLowerInvariant();
        var data = Value.EmptyObject.With("channel", Value.FromString(channel)).With("source", Value.FromString("unsubscribe-link"));
        await EnqueueAsync(new CustomerEvent(id, "customer.unsubscribed", customerId!, Ticks.Truncate(now), data), "api:unsubscribe", cancellationToken).ConfigureAwait(false);
        await AppendAsync([new Security.AuditEvent("unsubscribe-link", Security.AuditActions.ConsentChange, customerId, null, "customer.unsubscribed " + channel)], cancellationToken)
            .ConfigureAwait(false);
        _logger.LogInformation("Unsubscribe queued for customer {CustomerId} on {Channel}", customerId, channel);
        return true;
    }

    private async Task EnqueueAsync(CustomerEvent e, string source, CancellationToken cancellationToken)
    {
        await WriteInputAsync(s => (Insert(s, e, source, null, Ticks.Of(_clock.GetCurrentInstant())), 0), cancellationToken).ConfigureAwait(false);
        _processorWake.Set();
    }

    /// <summary>One accepted event into the inbox; 0 when its id is there already (a duplicate). <paramref name="storedJson"/>:
    /// the event already serialized and sealed with the session's protector (null: done here).</summary>
    private int Insert(SqliteSession s, CustomerEvent e, string source, int? line, long now, PooledText? storedJson = null)
    {
        var added = SqliteEventInbox.Accept(s, e, source, line, now, _options.Clock == ClockMode.Virtual ? Ticks.Of(e.Time) : now, storedJson);
        if (added == 1)
        {
            _processor.InputAccepted(s, e);
        }

        return added;
    }

    /// <summary>
    /// Commits <paramref name="write"/> before returning: while the processor runs, with the processor's current group (at most
    /// <see cref="StimulusProcessor.InputWait"/> into it, <see cref="GroupInputs"/>); otherwise in a transaction of its own
    /// under the write gate. Cancelling while it waits writes nothing; once the processor has taken it (or the transaction has
    /// begun) it is not cancelled. Refused once the host is stopping.
    /// </summary>
    private async Task<(int Added, int Duplicates)> WriteInputAsync(Func<SqliteSession, (int, int)> write, CancellationToken cancellationToken)
    {
        if (_stopping)
        {
            throw new InvalidOperationException("The embedded host is stopping and accepts no more input.");
        }

        return await WithGroupAsync(new InputWrite(write), refuseWhenStopping: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The outbox dispatcher's writes (<see cref="OutboxDispatcher"/>): committed with the processor's next group at its natural
    /// end (not urgent: they do not cut groups short), or in a transaction of their own when the processor is not running —
    /// also while the host stops, since a transport's answer is recorded even then.
    /// </summary>
    private Task WriteDispatchAsync(Action<SqliteSession> write) =>
        WithGroupAsync(new InputWrite(s => { write(s); return (0, 0); }, urgent: false), refuseWhenStopping: false, CancellationToken.None);

    private async Task<(int Added, int Duplicates)> WithGroupAsync(InputWrite queued, bool refuseWhenStopping, CancellationToken cancellationToken)
    {
        if (_processor.Inputs.TryAdd(queued))
        {
            _processorWake.Set();
            try
            {
                return await queued.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !queued.TryWithdraw())
            {
                // Taken by the processor: it is written, so the caller hears how.
                return await queued.Done.Task.ConfigureAwait(false);
            }
        }

        if (refuseWhenStopping && _stopping)
        {
            // The stop closed the queue after the check above: refused the same way, not written around the stopped processor.
            throw new InvalidOperationException("The embedded host is stopping and accepts no more input.");
        }

        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var session = _database.Session();
            session.Begin();
            var result = queued.Run(session);
            session.Commit();
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private static string? IdOf(string line)
    {
        try
        {
            return JObject.Parse(line)["id"] is { Type: JTokenType.String } id ? (string?)id : null;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }
}
