using Engagement.Local.Security;
using Microsoft.AspNetCore.Http;

namespace Engagement.Local.Http;

/// <summary>Who sent a request: the key's name (as the audit trail records it) and its role. Immutable.</summary>
internal sealed record ApiCaller(string Name, EngageRole Role)
{
    private static readonly object ItemKey = new();

    /// <summary>The caller when the API runs without keys (<c>--insecure-no-auth</c>): an admin.</summary>
    public static ApiCaller Unauthenticated { get; } = new("insecure-no-auth", EngageRole.Admin);

    /// <summary>The caller the authentication step found for this request, or null (anonymous routes).</summary>
    public static ApiCaller? Of(HttpContext context) => context.Items.TryGetValue(ItemKey, out var caller) ? caller as ApiCaller : null;

    /// <summary>Remembers the caller for the endpoint and the audit trail.</summary>
    public void AttachTo(HttpContext context) => context.Items[ItemKey] = this;
}
