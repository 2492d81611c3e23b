using Engagement.Local.Hosting;
using Engagement.Local.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engagement.Local.Http;

/// <summary>
/// <c>GET /customers/{id}</c> (profile with consent history, enrollments, message history; 404 when unknown) and
/// <c>DELETE /customers/{id}</c> (queues the erasure: 202; 404 when unknown). Answers hold contact details; logs and the audit
/// trail (a read and an erasure are recorded with the customer id) do not.
/// </summary>
internal static class CustomersEndpoint
{
    private const string Pattern = "/customers/{id}";

    public static void Map(IEndpointRouteBuilder routes, IEmbeddedHost host, AuditRecorder audit)
    {
        routes.MapGet(Pattern, async context =>
        {
            new QueryReader(context.Request.Query).ThrowIfInvalid();
            var id = CustomerId(context);
            var customer = await host.GetCustomerAsync(id, context.RequestAborted).ConfigureAwait(false)
                ?? throw new ProblemException(Unknown());
            RequestCounts.Set(context, $"enrollments={customer.Enrollments.Count} messages={customer.Messages.Count}");
            await audit.RecordAsync(context, AuditActions.CustomerRead, id).ConfigureAwait(false);
            await Responses.JsonAsync(context, StatusCodes.Status200OK, customer).ConfigureAwait(false);
        }).RequireRole(EngageRole.Operator);

        routes.MapDelete(Pattern, async context =>
        {
            new QueryReader(context.Request.Query).ThrowIfInvalid();
            var id = CustomerId(context);
            if (!await host.EraseCustomerAsync(id, context.RequestAborted).ConfigureAwait(false))
            {
                throw new ProblemException(Unknown());
            }

            await audit.RecordAsync(context, AuditActions.CustomerErase, id).ConfigureAwait(false);
            await Responses.JsonAsync(context, StatusCodes.Status202Accepted, new { customerId = id, erasure = "queued" }).ConfigureAwait(false);
        }).RequireRole(EngageRole.Admin);
    }

    private static string CustomerId(HttpContext context)
    {
        // Kestrel decodes every escape in the path except %2F, which reaches routing as it was sent.
        var id = (context.Request.RouteValues["id"] as string)?.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        return !string.IsNullOrWhiteSpace(id) && id.Length <= QueryReader.MaxTextLength && !id.Any(char.IsControl)
            ? id
            : throw new ProblemException(Problem.InvalidQuery([new ProblemError("id", $"expected a customer id of 1 to {QueryReader.MaxTextLength} characters")]));
    }

    private static Problem Unknown() => Problem.NotFound("No customer has this id.") with { Field = "id" };
}
