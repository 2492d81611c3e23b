using Engagement.Engine;
using Engagement.Engine.Delivery;
using Engagement.Engine.Events;
using Engagement.Engine.InMemory;
using Engagement.Engine.Ports;
using Engagement.Engine.Simulation;
using NodaTime;

namespace Engagement.Benchmarks.WholeProcess;

/// <summary>
/// The engine without durability, in real time: the delayed journey, the full delivery pipeline (guards, Liquid rendering)
/// and in-memory stores, with the engine's timer queue (<see cref="VirtualTimeQueue"/>) driven by the wall clock on one
/// background loop. Scheduling parses each event line and handles it; the wait schedules the wake-up.
/// </summary>
internal sealed class EngineScheduling(int customers) : ISchedulingSystem
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private VirtualTimeQueue _queue = null!;
    private EngagementEngine _engine = null!;
    private IDelivery _delivery = null!;
    private OutboxChannel _email = null!;
    private Task? _loop;

    /// <inheritdoc/>
    public string Setup => "EngagementEngine + DeliveryPipeline (rendered), InMemoryStores, VirtualTimeQueue on the wall clock, one loop";

    /// <inheritdoc/>
    public long Fired => Recorder.Count;

    /// <inheritdoc/>
    public FireRecorder Recorder { get; } = new(customers);

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var catalog = BenchJourneys.Load(BenchJourneys.Delayed);
        var stores = new InMemoryStores();
        _queue = new VirtualTimeQueue();
        _email = new OutboxChannel("email", null);
        var ports = new EnginePorts(stores, stores, stores, stores, stores, _queue, stores, _queue, [_email]);
        _delivery = new DeliveryPipeline(catalog.Policy, stores, catalog.Templates, [_email], stores, stores, _queue, links: null);
        _engine = new EngagementEngine(catalog, ports, _delivery);
        _loop = Task.Run(() => LoopAsync(_stop.Token), cancellationToken);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task ScheduleAsync(int first, int count, TimeSpan delay, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            for (var i = first; i < first + count; i++)
            {
                var now = DateTime.UtcNow;
                if (!EventParser.TryParse(BenchEvents.Line("s", i, now), out var e, out _, out var error))
                {
                    throw new InvalidOperationException(error);
                }

                await _engine.HandleEventAsync(e!, Instant.FromDateTimeUtc(now), cancellationToken);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await (_loop ?? Task.CompletedTask);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _lock.Dispose();
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var handled = 0;
            await _lock.WaitAsync(ct);
            try
            {
                var now = SystemClock.Instance.GetCurrentInstant();
                while (handled < 1_000 && _queue.PeekTime is { } next && next <= now && _queue.TryTake(out var at, out var e, out var enrollmentId, out var deferred))
                {
                    if (e is not null)
                    {
                        await _engine.HandleEventAsync(e, now, ct);
                    }
                    else if (deferred is not null)
                    {
                        await _delivery.DeliverDeferredAsync(deferred, now, ct);
                    }
                    else
                    {
                        var before = _email.Count;
                        await _engine.HandleWakeUpAsync(enrollmentId!, at, now, ct);
                        for (var sent = _email.Count - before; sent > 0; sent--)
                        {
                            Recorder.Fire(at.ToDateTimeUtc().Ticks);
                        }
                    }

                    handled++;
                }
            }
            finally
            {
                _lock.Release();
            }

            if (handled == 0)
            {
                await Task.Delay(1, ct);
            }
        }
    }
}
