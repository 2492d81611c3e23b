using System.Diagnostics;
using Engagement.Engine;
using Engagement.Engine.Catalog;
using Engagement.Engine.Delivery;
using Engagement.Engine.Profiles;
using Engagement.Engine.Serialization;
using Engagement.Engine.Unsubscribe;
using Engagement.Journeys.Channels;
using Engagement.Journeys.Runtime;
using Engagement.Local.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Engagement.Local.Hosting;

/// <summary>
/// The one loop that changes journey state. Each group is one IMMEDIATE transaction: take the next agenda item (profile
/// imports first, then the earliest of the next accepted event and the next due timer or emitted event), run it through the
/// engine with the SQLite ports bound to this transaction, repeat up to the group's size or duration, then commit state,
/// ledger, outbox rows, timers, emitted events, counters and the inbox marks together. A crash loses the open group only,
/// and the next start redoes it from the same rows: exactly once. Input writes queued while the loop runs (<see cref="Inputs"/>)
/// are written at the end of a group, into its transaction, and answered after its commit is on disk: one writer and one
/// fsync for both; their events are processed from the next group on. While the loop runs, commits do not wait for the disk:
/// <see cref="WalSync"/> syncs them on its own thread and what they make visible outside waits for it (Durability.cs).
/// </summary>
internal sealed partial class StimulusProcessor : IDisposable
{
    private readonly GroupState _state;
    private readonly EngagementEngine _engine;
    private readonly DeliveryPipeline _pipeline;
    private readonly SqliteProfileStore _profiles;
    private readonly EmbeddedHostOptions _options;
    private readonly IClock _clock;
    private readonly SemaphoreSlim _writeGate;
    private readonly ILogger _logger;
    private readonly string _databasePath;
    private readonly int[] _groupKinds = new int[Enum.GetValues<AgendaKind>().Length];
    private long _lastNow;
    private bool _inputsCommitted;
    private volatile bool _importsPending = true;

    public StimulusProcessor(SqliteDatabase database, JourneyCatalog catalog, EmbeddedHostOptions options, IClock clock, SemaphoreSlim writeGate,
        Func<string, string> transportOf, UnsubscribeLinks? links, ILogger logger)
    {
        _state = new GroupState(database.Session(), options.CacheCapacity, options.HandOverCapacity);
        _databasePath = database.Path;
        // The host's WalCheckpointer copies the log back on its own connection; commits here checkpoint only a long log.
        _state.Session.Execute($"PRAGMA wal_autocheckpoint = {WalCheckpointer.ProcessorPages}");
        _options = options;
        _clock = clock;
        _writeGate = writeGate;
        _logger = logger;
        _profiles = new SqliteProfileStore(_state);
        var enrollments = new SqliteEnrollmentStore(_state);
        var ledger = new SqliteMessageLedger(_state);
        var inbox = new SqliteEventInbox(_state);
        var timers = new SqliteTimerQueue(_state);
        var timeline = new SqliteTimeline(_state);
        var writers = ChannelRegistry.Shared.Names.Select(ch => new OutboxWriter(_state, ch, transportOf(ch), options.Clock == ClockMode.Virtual ? null : clock)).ToList();
        var ports = new EnginePorts(_profiles, enrollments, ledger, new SqliteTaskSink(_state), inbox, timers, timeline, inbox, writers, new SqlitePersonalDataEraser(_state));
        _pipeline = new DeliveryPipeline(catalog.Policy, ledger, catalog.Templates, writers, _profiles, timeline, timers, links, logger);
        _engine = new EngagementEngine(catalog, ports, _pipeline, logger);
    }

    private long _watermark = long.MinValue;
    private long _horizon = long.MinValue;

    /// <summary>The stimuli committed (and set aside) since this process started.</summary>
    public StimulusTally Tally { get; } = new();

    /// <summary>Events handled from memory so far (<see cref="Storage.HandedOverEvents.Taken"/>); readable from any thread.</summary>
    public long EventsHandedOver => _state.HandedOver.Taken;

    /// <summary>Virtual time only: the latest input event time accepted (timers strictly before it may run). Set by ingest threads.</summary>
    public long? Watermark => Interlocked.Read(ref _watermark) is var w && w != long.MinValue ? w : null;

    /// <summary>Virtual time only: once the input is complete, timers up to this instant may run.</summary>
    public long? Horizon
    {
        get => Interlocked.Read(ref _horizon) is var h && h != long.MinValue ? h : null;
        set => Interlocked.Exchange(ref _horizon, value ?? long.MinValue);
    }

    /// <summary>Raises the watermark to <paramref name="ticks"/> unless it is higher already (concurrent ingests).</summary>
    public void RaiseWatermark(long ticks)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref _watermark);
            if (ticks <= current)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _watermark, ticks, current) != current);
    }

    /// <summary>Runs groups until stopped; after each commit of stimuli is on disk <paramref name="committed"/> is called.</summary>
    public async Task RunAsync(Signal wake, Action committed, CancellationToken stop)
    {
        StartSync(committed);
        Inputs.Open();
        try
        {
            await LoopAsync(wake, stop).ConfigureAwait(false);
        }
        finally
        {
            await DrainInputsAsync().ConfigureAwait(false);
            StopSync();
        }
    }

    private async Task LoopAsync(Signal wake, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            int n;
            try
            {
                n = await RunGroupAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                _logger.LogError("Stimulus group failed with {ExceptionType}; retrying in 1 s", ex.GetType().Name);
                await wake.WaitAsync(TimeSpan.FromSeconds(1), stop).ConfigureAwait(false);
                continue;
            }

            if (n > 0 || _inputsCommitted)
            {
                // Work was done (the dispatcher is woken once it is on disk, StimulusProcessor.Durability.cs), or input alone
                // was committed (its events are pending now): the next group starts at once instead of after an idle wait.
                continue;
            }
            else
            {
                await wake.WaitAsync(IdleWait(), stop).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One group: up to <c>MaxGroupSize</c> items or <c>MaxGroupDuration</c>, committed (or, for tests, rolled back). Returns the items run.</summary>
    public async Task<int> RunGroupAsync(CancellationToken stop, int? maxItems = null, bool commit = true, TimeSpan? maxDuration = null)
    {
        await _writeGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        AgendaItem? current = null;
        _inputsCommitted = false;
        try
        {
            _state.Begin();
            _lastNow = _state.Session.Long("SELECT value FROM stats WHERE name = 'virtual_now'");
            var max = maxItems ?? _options.MaxGroupSize;
            var started = Stopwatch.GetTimestamp();
            var n = 0;
            Array.Clear(_groupKinds);
            while (n < max && (n == 0 || GroupOpen(started, maxDuration)) && !stop.IsCancellationRequested)
            {
                current = Next();
                if (current is null)
                {
                    break;
                }

                await HandleAsync(current).ConfigureAwait(false);
                _groupKinds[(int)current.Kind]++;
                n++;
            }

            current = null;
            if (commit)
            {
                TakeInputs();
            }

            if ((n == 0 && _inputsTaken.Count == 0) || !commit)
            {
                _state.Rollback();
                return n;
            }

            _state.AddStat("virtual_now", _lastNow, replace: true);
            var outboxSeq = _sync is null ? 0 : OutboxSeq();
            _state.Commit();
            _inputsCommitted = _inputsTaken.Count > 0;
            Tally.AddCommitted(_groupKinds); // before AfterCommit wakes the log sync, whose answer can make a waiter see the host idle
            AfterCommit(n, outboxSeq);
            _logger.LogDebug("Committed a group of {Count} stimuli", n);
            return n;
        }
        catch (Exception ex) when (current is not null && ex is not SqliteException and not OperationCanceledException)
        {
            _state.Rollback();
            Quarantine(current, ex);
            return 1;
        }
        catch (Exception ex)
        {
            _state.Rollback();
            InputsFailed(ex);
            throw;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Whether the group may take another item: within its duration, and, once input is waiting to be committed,
    /// within <see cref="InputWait"/> (so a request waits for at most that much of a group, not all of it).</summary>
    private bool GroupOpen(long started, TimeSpan? maxDuration)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        return elapsed < (maxDuration ?? _options.MaxGroupDuration) && (elapsed < InputWait || !Inputs.Waiting);
    }

    /// <summary>How long into a group input may wait to be committed: past it, the group ends at its next item and commits
    /// with the input (measured: durable accept with 4 clients × 500 events went from about 30,000 to
    /// 35,000–40,000 events/s, end to end unchanged; docs/benchmarks.md).</summary>
    public static readonly TimeSpan InputWait = TimeSpan.FromMilliseconds(10);

    public void Dispose() => _state.Dispose();
}
