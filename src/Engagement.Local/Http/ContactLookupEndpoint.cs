using System.Text.Json;
using Engagement.Local.Hosting;
using Engagement.Local.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engagement.Local.Http;

/// <summary>
/// <c>POST /customers/lookup</c> with <c>{"email": "…"}</c> or <c>{"phone": "…"}</c>: the ids of the customers with that
/// contact, <c>{"customerIds": […]}</c>, found through the blind index (a keyed hash, docs/security.md). The contact travels in
/// the body, so it never appears in a URL or an access log. Needs an operator key; each customer found is recorded in the audit
/// trail with the kind of contact (never the contact).
/// </summary>
internal static class ContactLookupEndpoint
{
    private const long MaxBody = 4096;

    public static void Map(IEndpointRouteBuilder routes, IContactLookup lookup, AuditRecorder audit) =>
        routes.MapPost("/customers/lookup", async context =>
        {
            new QueryReader(context.Request.Query).ThrowIfInvalid();
            using var body = await EventBody.ReadAsync(context.Request, MaxBody, context.RequestAborted).ConfigureAwait(false);
            var (kind, value) = Read(body.Memory);
            var ids = await lookup.FindCustomersAsync(kind, value, context.RequestAborted).ConfigureAwait(false);
            RequestCounts.Set(context, $"kind={kind} found={ids.Count}");
            // A lookup that found no one is recorded too: one entry without a customer.
            IReadOnlyList<string?> audited = ids.Count == 0 ? [null] : [.. ids];
            await audit.RecordAsync(context, AuditActions.CustomerLookup, audited, _ => "by " + kind).ConfigureAwait(false);
            await Responses.JsonAsync(context, StatusCodes.Status200OK, new { customerIds = ids }).ConfigureAwait(false);
        }).RequireRole(EngageRole.Operator);

    private static (string Kind, string Value) Read(ReadOnlyMemory<byte> body)
    {
        const string expected = "expected a JSON object with one of email or phone, e.g. {\"email\": \"ann@example.com\"}";
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var found = root.ValueKind == JsonValueKind.Object
                ? root.EnumerateObject().Where(p => p.Name is "email" or "phone").ToList()
                : [];
            if (found.Count != 1 || found[0].Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(found[0].Value.GetString())
                || root.EnumerateObject().Count() != 1)
            {
                throw new ProblemException(Problem.InvalidBody(expected));
            }

            return (found[0].Name, found[0].Value.GetString()!);
        }
        catch (JsonException)
        {
            throw new ProblemException(Problem.InvalidBody(expected));
        }
    }
}
