using Engagement.Local.Security;

namespace Engagement.Local.Tests.Http;

/// <summary>One named key per role (the secret and its engage.json entry), for tests that speak as each role.</summary>
internal static class RoleKeys
{
    public static readonly IReadOnlyDictionary<EngageRole, string> Secrets =
        Enum.GetValues<EngageRole>().ToDictionary(r => r, r => $"{r.Name()}-secret-0123456789abcdef");

    public static IReadOnlyList<ApiKeyEntry> Entries { get; } =
        [.. Secrets.Select(s => new ApiKeyEntry(s.Key.Name() + "-key", s.Key, ApiKeySecrets.Hash(s.Value)))];

    /// <summary>A client at <paramref name="address"/> that sends <paramref name="role"/>'s key as X-Api-Key.</summary>
    public static HttpClient Client(Uri address, EngageRole role)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = address };
        client.DefaultRequestHeaders.Add("X-Api-Key", Secrets[role]);
        return client;
    }
}
