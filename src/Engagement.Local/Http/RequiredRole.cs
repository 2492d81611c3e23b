using Engagement.Local.Security;

namespace Engagement.Local.Http;

/// <summary>Endpoint metadata: the least role a key needs for this route (see <see cref="EngageRoles.Grants"/>). Every route
/// carries this or ASP.NET Core's <c>IAllowAnonymous</c>; <see cref="HttpApi"/> refuses to start otherwise.</summary>
/// <param name="Role">The role needed.</param>
/// <param name="Session">Whether a dashboard session cookie counts as the key here (browser routes under <c>/dashboard</c>).</param>
internal sealed record RequiredRole(EngageRole Role, bool Session = false);
