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
/// Hands committed outbox rows to their channel's transport, oldest first, and records each answer on the row in its own
/// transaction right after the transport answered: delivered (never handed over again), retried later with the delivery
/// policy's backoff (<see cref="RetryPolicy.DelayAfter"/>), or failed once the attempts run out or the answer is permanent.
/// A crash between the transport's answer and that commit hands the row over once more when the host restarts: the
/// at-least-once window of SMTP and webhooks, which is why transports get the ledger key as idempotency key.
/// </summary>
internal sealed class OutboxDispatcher : IDisposable
{
    /// <summary>The event the dispatcher feeds back when a transport says a contact point is invalid (hard bounce, unknown number).</summary>
    public const string ContactInvalid = "contact.invalid";

    private const string Pending = "SELECT seq, ledger_key, channel, message, attempts, customer_id FROM outbox WHERE state = 'pending' AND next_attempt_at <= $now ORDER BY next_attempt_at, seq LIMIT 256";

    private readonly SqliteSession _session;
    private readonly IReadOnlyDictionary<string, IChannelSender> _transports;
    private readonly RetryPolicy _retry;
    private readonly IClock _clock;
    private readonly SemaphoreSlim _writeGate;
    private readonly ILogger _logger;
    private readonly TimeSpan _idlePoll;
    private readonly bool _virtualTime;

    // virtualTime: under the virtual clock a message is delivered at the virtual instant it was written (its created_at), not at wall-clock time.
    public OutboxDispatcher(SqliteDatabase database, IReadOnlyDictionary<string, IChannelSender> transports, RetryPolicy retry, IClock clock, SemaphoreSlim writeGate, ILogger logger, TimeSpan idlePoll, bool virtualTime = false)
    {
        _virtualTime = virtualTime;
        _session = database.Session();
        _transports = transports;
        _retry = retry;
        _clock = clock;
        _writeGate = writeGate;
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

    /// <summary>Hands over the rows due now (at most 256); returns how many were looked at.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken stop)
    {
        var rows = _session.Query(Pending, r => (Seq: r.GetInt64(0), Key: r.GetString(1), Channel: r.GetString(2), Message: r.GetString(3), Attempts: r.GetInt32(4), Customer: r.GetString(5)),
            ("$now", Ticks.Of(_clock.GetCurrentInstant())));
        var local = new List<long>();
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
            await RecordAsync(row.Seq, row.Key, row.Customer, row.Channel, row.Attempts + 1, result).ConfigureAwait(false);
        }

        if (local.Count > 0)
        {
            await WriteAsync(() =>
            {
                foreach (var seq in local)
                {
                    Delivered(seq, 1, TransportNames.Outbox);
                }
            }).ConfigureAwait(false);
        }

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

    private Task RecordAsync(long seq, string ledgerKey, string customerId, string channel, int attempts, SendResult result) => WriteAsync(() =>
    {
        var now = Ticks.Of(_clock.GetCurrentInstant());
        switch (result.Status)
        {
            case SendStatus.Sent:
                Delivered(seq, 1, result.ProviderMessageId);
                break;
            case SendStatus.TransientFailure when attempts < _retry.MaxAttempts:
                var next = now + _retry.DelayAfter(attempts, ledgerKey).Ticks;
                _session.Execute("UPDATE outbox SET attempts = $a, next_attempt_at = $next, last_error = $e WHERE seq = $s AND state = 'pending'",
                    ("$s", seq), ("$a", attempts), ("$next", next), ("$e", _session.Seal(result.Reason ?? "transient-failure")));
                _logger.LogInformation("Transport for ledger key {LedgerKey} failed transiently (attempt {Attempt}); retrying", ledgerKey, attempts);
                break;
            default:
                var reason = result.Status switch
                {
                    SendStatus.TransientFailure => DeliveryReasons.RetriesExhausted,
                    SendStatus.InvalidContact => DeliveryReasons.InvalidContact,
                    _ => DeliveryReasons.PermanentFailure,
                };
                _session.Execute("UPDATE outbox SET state = 'failed', attempts = $a, last_error = $e WHERE seq = $s AND state = 'pending'",
                    ("$s", seq), ("$a", attempts), ("$e", _session.Seal(result.Reason is null ? reason : reason + ": " + result.Reason)));
                if (result.Status == SendStatus.InvalidContact)
                {
                    // Fed back through the inbox, so the processor (the only writer of profiles) marks the channel invalid.
                    var data = Value.EmptyObject.With("channel", Value.FromString(channel)).With("ledgerKey", Value.FromString(ledgerKey));
                    SqliteEventInbox.Accept(_session, new CustomerEvent($"{ContactInvalid}/{ledgerKey}", ContactInvalid, customerId, Ticks.At(now), data), "dispatcher", null, now, now);
                }

                _logger.LogWarning("Transport for ledger key {LedgerKey} failed: {Reason} after {Attempts} attempt(s)", ledgerKey, reason, attempts);
                break;
        }
    });

    private void Delivered(long seq, int addAttempts, string? providerId) => _session.Execute(
        "UPDATE outbox SET state = 'delivered', attempts = attempts + $a, delivered_at = CASE WHEN $virtual THEN created_at ELSE $now END, provider_id = $p, last_error = NULL WHERE seq = $s AND state = 'pending'",
        ("$s", seq), ("$a", addAttempts), ("$now", Ticks.Of(_clock.GetCurrentInstant())), ("$virtual", _virtualTime ? 1 : 0), ("$p", providerId));

    private async Task WriteAsync(Action write)
    {
        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            _session.Begin();
            write();
            _session.Commit();
        }
        catch
        {
            _session.Rollback();
            throw;
        }
        finally
        {
            _writeGate.Release();
        }
    }

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
