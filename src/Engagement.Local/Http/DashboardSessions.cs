using System.Collections.Concurrent;
using System.Security.Cryptography;
using NodaTime;

namespace Engagement.Local.Http;

/// <summary>
/// Browser sessions of the dashboard: a signed-in API key is exchanged for a random 256-bit token kept only in memory (a
/// restart signs everyone out) and sent back as an HttpOnly, SameSite=Strict cookie. Tokens expire after
/// <see cref="Lifetime"/>. Thread-safe.
/// </summary>
internal sealed class DashboardSessions(IClock clock)
{
    public const string Cookie = "engage_session";

    public static readonly Duration Lifetime = Duration.FromHours(8);

    private readonly ConcurrentDictionary<string, (DashboardRole Role, Instant Expires)> _sessions = new(StringComparer.Ordinal);

    public string Start(DashboardRole role)
    {
        foreach (var stale in _sessions.Where(s => s.Value.Expires <= clock.GetCurrentInstant()).Select(s => s.Key).ToList())
        {
            _sessions.TryRemove(stale, out _);
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _sessions[token] = (role, clock.GetCurrentInstant() + Lifetime);
        return token;
    }

    public DashboardRole? Find(string? token) =>
        token is not null && _sessions.TryGetValue(token, out var s) && s.Expires > clock.GetCurrentInstant() ? s.Role : null;

    public void End(string? token)
    {
        if (token is not null)
        {
            _sessions.TryRemove(token, out _);
        }
    }
}
