using System.Collections.Concurrent;
using System.Security.Cryptography;
using NodaTime;

namespace Engagement.Local.Http;

/// <summary>
/// Browser sessions of the dashboard: a signed-in API key (its name and role) is exchanged for a random 256-bit token kept only in memory (a
/// restart signs everyone out) and sent back as an HttpOnly, SameSite=Strict cookie. Tokens expire after
/// <see cref="Lifetime"/>. Thread-safe.
/// </summary>
internal sealed class DashboardSessions(IClock clock)
{
    public const string Cookie = "engage_session";

    public static readonly Duration Lifetime = Duration.FromHours(8);

    private readonly ConcurrentDictionary<string, (ApiCaller Caller, Instant Expires)> _sessions = new(StringComparer.Ordinal);

    public string Start(ApiCaller caller)
    {
        foreach (var stale in _sessions.Where(s => s.Value.Expires <= clock.GetCurrentInstant()).Select(s => s.Key).ToList())
        {
            _sessions.TryRemove(stale, out _);
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _sessions[token] = (caller, clock.GetCurrentInstant() + Lifetime);
        return token;
    }

    public ApiCaller? Find(string? token) =>
        token is not null && _sessions.TryGetValue(token, out var s) && s.Expires > clock.GetCurrentInstant() ? s.Caller : null;

    public void End(string? token)
    {
        if (token is not null)
        {
            _sessions.TryRemove(token, out _);
        }
    }
}
