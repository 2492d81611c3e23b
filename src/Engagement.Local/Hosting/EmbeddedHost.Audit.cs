using Engagement.Local.Security;
using Engagement.Local.Storage;
using Microsoft.Extensions.Logging;

namespace Engagement.Local.Hosting;

/// <summary>The audit trail of <see cref="IAuditTrail"/> in the host's database, pruned to <see cref="EmbeddedHostOptions.AuditRetention"/>
/// at start and then at most hourly as entries arrive.</summary>
public sealed partial class EmbeddedHost : IAuditTrail
{
    private static readonly NodaTime.Duration PruneEvery = NodaTime.Duration.FromHours(1);
    private SqliteAuditTrail? _auditTrail;
    private long _nextPruneTicks;

    private SqliteAuditTrail AuditTrail => _auditTrail ??= new SqliteAuditTrail(_database, _clock, _writeGate);

    /// <inheritdoc/>
    public async ValueTask AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        await AuditTrail.AppendAsync(events, cancellationToken).ConfigureAwait(false);
        if (_clock.GetCurrentInstant().ToUnixTimeTicks() >= Interlocked.Read(ref _nextPruneTicks))
        {
            await PruneAuditAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery query, CancellationToken cancellationToken) => AuditTrail.ListAsync(query, cancellationToken);

    /// <summary>Deletes the audit entries older than the retention; returns how many.</summary>
    public async ValueTask<int> PruneAuditAsync()
    {
        var now = _clock.GetCurrentInstant();
        Interlocked.Exchange(ref _nextPruneTicks, (now + PruneEvery).ToUnixTimeTicks());
        var pruned = await AuditTrail.PruneAsync(now - NodaTime.Duration.FromTimeSpan(_options.AuditRetention)).ConfigureAwait(false);
        if (pruned > 0)
        {
            _logger.LogInformation("Audit trail: {Pruned} entries older than {Days} days pruned", pruned, (int)_options.AuditRetention.TotalDays);
        }

        return pruned;
    }
}
