using Engagement.Local.Hosting;
using Engagement.Local.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engagement.Local.Http;

/// <summary>
/// Key rotation (admin): <c>GET /admin/keys</c> answers the rotation's progress; <c>POST /admin/keys/rotate</c> re-reads the
/// key file and starts re-encrypting in the background (202 with the progress). A file that cannot be used is a 409 problem
/// naming it; a host without a key file a 409 too. Both need an admin key; a started rotation is recorded in the audit trail
/// (docs/security.md).
/// </summary>
internal static class KeysEndpoint
{
    public static void Map(IEndpointRouteBuilder routes, IKeyRotation keys, AuditRecorder audit)
    {
        routes.MapGet("/admin/keys", async context =>
        {
            new QueryReader(context.Request.Query).ThrowIfInvalid();
            await Responses.JsonAsync(context, StatusCodes.Status200OK, Body(keys)).ConfigureAwait(false);
        }).RequireRole(EngageRole.Admin);

        routes.MapPost("/admin/keys/rotate", async context =>
        {
            new QueryReader(context.Request.Query).ThrowIfInvalid();
            KeyRotationStatus started;
            try
            {
                started = keys.StartRotation();
            }
            catch (Exception ex) when (ex is KeyFileException or InvalidOperationException)
            {
                throw new ProblemException(Problem.ForStatus(StatusCodes.Status409Conflict, ex.Message));
            }

            RequestCounts.Set(context, "rotation=started");
            await audit.RecordAsync(context, AuditActions.KeyRotation, customerId: null, detail: started.CurrentKeyId).ConfigureAwait(false);
            await Responses.JsonAsync(context, StatusCodes.Status202Accepted, Body(keys)).ConfigureAwait(false);
        }).RequireRole(EngageRole.Admin);
    }

    private static object Body(IKeyRotation keys) => new { encrypted = keys.HasKeyFile, rotation = keys.RotationStatus };
}
