using Engagement.Local.Security;
using Microsoft.AspNetCore.Builder;

namespace Engagement.Local.Http;

/// <summary>States a route's role as endpoint metadata: <c>.RequireRole(EngageRole.Operator)</c>.</summary>
internal static class RoleConventions
{
    /// <summary>The route needs a key with at least <paramref name="role"/>.</summary>
    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, EngageRole role)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new RequiredRole(role));

    /// <summary>The route needs <paramref name="role"/>, from a key or from a dashboard session cookie.</summary>
    public static TBuilder RequireSessionRole<TBuilder>(this TBuilder builder, EngageRole role)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new RequiredRole(role, Session: true));
}
