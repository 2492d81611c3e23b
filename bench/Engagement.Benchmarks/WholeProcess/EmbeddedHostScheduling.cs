using System.Globalization;
using Engagement.Local.Hosting;
using Microsoft.Data.Sqlite;

namespace Engagement.Benchmarks.WholeProcess;

/// <summary>
/// Engagement's own path: the <see cref="EmbeddedHost"/> on a temp SQLite file (WAL, synchronous=FULL, group commit) with the
/// delayed journey. Scheduling is <see cref="EmbeddedHost.IngestAsync"/> of 1,000 event lines (returns once durably
/// committed); the processor enrolls each customer and stores a durable timer 2 s after processing; the timer renders the
/// message into the outbox table. A message counts as fired when a separate read-only connection, polling every 10 ms, sees
/// its outbox row; its lateness is seen − (accepted + delay).
/// </summary>
internal sealed class EmbeddedHostScheduling(int customers, string? db) : ISchedulingSystem
{
    private const string Run = "h";
    private readonly long[] _dueTicks = new long[customers];
    private readonly CancellationTokenSource _stop = new();
    private DirectoryInfo? _temp;
    private EmbeddedHost? _host;
    private Task? _poller;

    /// <inheritdoc/>
    public string Setup { get; private set; } = "";

    /// <inheritdoc/>
    public long Fired => Recorder.Count;

    /// <inheritdoc/>
    public FireRecorder Recorder { get; } = new(customers);

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _temp = db is null ? Directory.CreateTempSubdirectory("engage-sched-") : null;
        var path = db ?? Path.Combine(_temp!.FullName, "engage.db");
        var options = new EmbeddedHostOptions { DatabasePath = path };
        _host = EmbeddedHost.Open(options, BenchJourneys.Load(BenchJourneys.Delayed));
        await _host.StartAsync(cancellationToken);
        Setup = $"EmbeddedHost (branch local) on a temp SQLite file, WAL + synchronous=FULL, group commit ≤ {options.MaxGroupSize} stimuli / "
            + $"{options.MaxGroupDuration.TotalMilliseconds:0} ms, outbox-only transport; fired = outbox row seen by a 10 ms poll";
        _poller = Task.Run(() => PollAsync(path, _stop.Token), CancellationToken.None);
    }

    /// <inheritdoc/>
    public async Task ScheduleAsync(int first, int count, TimeSpan delay, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var lines = Enumerable.Range(first, count).Select(i => BenchEvents.Line(Run, i, now)).ToList();
        var result = await _host!.IngestAsync(lines, "bench", cancellationToken);
        if (result.Accepted != count)
        {
            throw new InvalidOperationException($"{result.Accepted} of {count} accepted: {string.Join("; ", result.Rejected)}");
        }

        var due = DateTime.UtcNow.Ticks + delay.Ticks;
        Array.Fill(_dueTicks, due, first, count);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await (_poller ?? Task.CompletedTask);
        }
        catch (OperationCanceledException)
        {
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        _temp?.Delete(recursive: true);
        _stop.Dispose();
    }

    private async Task PollAsync(string path, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync(ct);
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT seq, customer_id FROM outbox WHERE seq > $after ORDER BY seq LIMIT 10000";
        var after = query.Parameters.AddWithValue("$after", 0L);
        var prefix = Run + "c";
        while (!ct.IsCancellationRequested)
        {
            var rows = 0;
            await using (var reader = await query.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    rows++;
                    after.Value = reader.GetInt64(0);
                    var customer = reader.GetString(1);
                    if (customer.StartsWith(prefix, StringComparison.Ordinal)
                        && int.TryParse(customer.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < _dueTicks.Length)
                    {
                        Recorder.Fire(_dueTicks[i]);
                    }
                }
            }

            if (rows < 10000)
            {
                await Task.Delay(10, ct);
            }
        }
    }
}
