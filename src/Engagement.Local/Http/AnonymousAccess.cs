namespace Engagement.Local.Http;

/// <summary>Endpoint metadata: the route needs no API key (<c>/healthz</c>, and <c>/unsubscribe</c>, whose token is its own proof).</summary>
internal sealed class AnonymousAccess
{
    public static AnonymousAccess Instance { get; } = new();
}
