using Engagement.Engine.Delivery;
using Engagement.Engine.Policies;
using Engagement.Engine.Ports;
using Engagement.Engine.Serialization;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using Engagement.Local.Storage;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Engagement.Local.Hosting;

/// <summary>
/// Hands committed outbox rows to their channel's transport, oldest first, and records each answer on the row: delivered (never
/// handed over again), retried later with the delivery policy's backoff (<see cref="RetryPolicy.DelayAfter"/>), or failed once
/// the attempts run out or the answer is permanent. Each record is handed to the host's writer as soon as the transport
/// answered — committed with the stimulus processor's next group (one fsync for many answers and the group, instead of one
/// per answer), or in a transaction of its own when the processor is not running — and the next batch is read only after
/// every record of this one committed, so a row is never handed over twice while the host runs. A crash between the
/// transport's answer and that commit (at most one group, 50 ms by default) hands the row over once more when the host
/// restarts: the at-least-once window of SMTP and webhooks, which is why transports get the ledger key as idempotency key.
/// </summary>
internal sealed class OutboxDispatcher : IDisposable
{
    /// <summary>The event the dispatcher feeds back when a transport says a contact point is invalid (hard bounce, unknown number).</summary>
    public const string ContactInvalid = "contact.invalid";

    private const string Pending = "SELECT seq, ledger_key, channel, message, attempts, customer_id FROM outbox WHERE state = 'pending' AND next_attempt_at <= $now AND seq <= $durable ORDER BY next_attempt_at, seq LIMIT 256";

    private readonly SqliteSession _session;
    private readonly IReadOnlyDictionary<string, IChannelSender> _transports;
    private readonly RetryPolicy _retry;
    private readonly IClock _clock;
    private readonly Func<Action<SqliteSession>, Task> _write;
    private readonly Func<long> _durable;
    private readonly ILogger _logger;
    private readonly TimeSpan _idlePoll;
    private readonly bool _virtualTime;

    // virtualTime: under the virtual clock a message is delivered at the virtual instant it was written (its created_at), not at wall-clock time.
    public OutboxDispatcher(SqliteDatabase database, IReadOnlyDictionary<string, IChannelSender> transports, RetryPolicy retry, IClock clock, Func<Action<SqliteSession>, Task> write, Func<long> durable, ILogger logger, TimeSpan idlePoll, bool virtualTime = false)
    {
        _durable = durable;
        _virtualTime = virtualTime;
        _session = database.Session();
        _transports = transports;
        _retry = retry;
        _clock = clock;
        _write = write;
        _logger = logger;
        _idlePoll = idlePoll;
    }

    public async Task RunAsync(Signal wake, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            int n;
            try
            {
                n = await DispatchOnceAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                _logger.LogError("Outbox dispatch failed with {ExceptionType}; retrying in 1 s", ex.GetType().Name);
                await wake.WaitAsync(TimeSpan.FromSeconds(1), stop).ConfigureAwait(false);
                continue;
            }

            if (n == 0)
            {
                await wake.WaitAsync(IdleWait(), stop).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Hands over the rows due now (at most 256) and waits until every answer is recorded; returns how many were looked at.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken stop)
    {
        var rows = _session.Query(Pending, r => (Seq: r.GetInt64(0), Key: r.GetString(1), Channel: r.GetString(2), Message: r.GetString(3), Attempts: r.GetInt32(4), Customer: r.GetString(5)),
            ("$now", Ticks.Of(_clock.GetCurrentInstant())), ("$durable", _durable()));
        var local = new List<long>();
        var records = new List<Task>();
        foreach (var row in rows)
        {
            if (!_transports.TryGetValue(row.Channel, out var transport) || TransportNames.IsOutboxOnly(transport))
            {
                local.Add(row.Seq);
                continue;
            }

            if (stop.IsCancellationRequested)
            {
                break;
            }

            // The call in flight is not cancelled by a shutdown: its answer is recorded first (transports time out on their own).
            var result = await CallAsync(transport, EngineJson.Deserialize<OutboundMessage>(_session.Open(row.Message)), CancellationToken.None).ConfigureAwait(false);
            records.Add(Record(row.Seq, row.Key, row.Customer, row.Channel, row.Attempts + 1, result));
        }

        if (local.Count > 0)
        {
            var now = Ticks.Of(_clock.GetCurrentInstant());
            records.Add(_write(s =>
            {
                foreach (var seq in local)
                {
                    Delivered(s, seq, 1, TransportNames.Outbox, now);
                }
            }));
        }

        await Task.WhenAll(records).ConfigureAwait(false);
        return rows.Count;
    }

    public void Dispose() => _session.Dispose();

    private async ValueTask<SendResult> CallAsync(IChannelSender transport, OutboundMessage message, CancellationToken stop)
    {
        try
        {
            return await transport.SendAsync(message, stop).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The message may hold contact details: keep only the exception type.
            return new SendResult(SendStatus.TransientFailure, Reason: ex.GetType().Name);
        }
    }

    /// <summary>Hands the record of one answer to the writer; the task completes when it is committed.</summary>
    private Task Record(long seq, string ledgerKey, string customerId, string channel, int attempts, SendResult result)
    {
        var now = Ticks.Of(_clock.GetCurrentInstant());
        return _write(s => Record(s, seq, ledgerKey, customerId, channel, attempts, result, now));
    }

    private void Record(SqliteSession s, long seq, string ledgerKey, string customerId, string channel, int attempts, SendResult result, long now)
    {
        switch (result.Status)
        {
            case SendStatus.Sent:
                Delivered(s, seq, 1, result.ProviderMessageId, now);
                break;
            case SendStatus.TransientFailure when attempts < _retry.MaxAttempts:
                var next = now + _retry.DelayAfter(attempts, ledgerKey).Ticks;
                s.Execute("UPDATE outbox SET attempts = $a, next_attempt_at = $next, last_error = $e WHERE seq = $s AND state = 'pending'",
                    ("$s", seq), ("$a", attempts), ("$next", next), ("$e", s.Seal(result.Reason ?? "transient-failure")));
                _logger.LogInformation("Transport for ledger key {LedgerKey} failed transiently (attempt {Attempt}); retrying", ledgerKey, attempts);
                break;
            default:
                var reason = result.Status switch
                {
                    SendStatus.TransientFailure => DeliveryReasons.RetriesExhausted,
                    SendStatus.InvalidContact => DeliveryReasons.InvalidContact,
                    _ => DeliveryReasons.PermanentFailure,
                };
                s.Execute("UPDATE outbox SET state = 'failed', attempts = $a, last_error = $e WHERE seq = $s AND state = 'pending'",
                    ("$s", seq), ("$a", attempts), ("$e", s.Seal(result.Reason is null ? reason : reason + ": " + result.Reason)));
                if (result.Status == SendStatus.InvalidContact)
                {
                    // Fed back through the inbox, so the processor (the only writer of profiles) marks the channel invalid.
                    var data = Value.EmptyObject.With("channel", Value.FromString(channel)).With("ledgerKey", Value.FromString(ledgerKey));
                    SqliteEventInbox.Accept(s, new CustomerEvent($"{ContactInvalid}/{ledgerKey}", ContactInvalid, customerId, Ticks.At(now), data), "dispatcher", null, now, now);
                }

                _logger.LogWarning("Transport for ledger key {LedgerKey} failed: {Reason} after {Attempts} attempt(s)", ledgerKey, reason, attempts);
                break;
        }
    }

    private void Delivered(SqliteSession s, long seq, int addAttempts, string? providerId, long now) => s.Execute(
        "UPDATE outbox SET state = 'delivered', attempts = attempts + $a, delivered_at = CASE WHEN $virtual THEN created_at ELSE $now END, provider_id = $p, last_error = NULL WHERE seq = $s AND state = 'pending'",
        ("$s", seq), ("$a", addAttempts), ("$now", now), ("$virtual", _virtualTime ? 1 : 0), ("$p", providerId));

    private TimeSpan IdleWait()
    {
        if (_session.Scalar("SELECT MIN(next_attempt_at) FROM outbox WHERE state = 'pending'") is not { } next)
        {
            return _idlePoll;
        }

        var wait = TimeSpan.FromTicks(Convert.ToInt64(next, System.Globalization.CultureInfo.InvariantCulture) - Ticks.Of(_clock.GetCurrentInstant()));
        return wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait > _idlePoll ? _idlePoll : wait;
    }
}
