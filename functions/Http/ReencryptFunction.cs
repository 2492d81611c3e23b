using Engagement.Cosmos;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Engagement.Functions.Http;

/// <summary>
/// <c>POST /api/keys/reencrypt</c>: key rotation on Azure (docs/security.md, "Rotation"). Encrypts every Cosmos DB document
/// still under an older key id again under the current key of the key file the app started with (<see cref="CosmosReencryptor"/>),
/// for at most <see cref="Budget"/> per call (the Azure front end ends an HTTP request after 230 s). Answers 200 with counts and
/// key ids only (never a value); when the run is not <c>complete</c>, call again with <c>?resume=</c> the answer's <c>resume</c>.
/// A complete run with nothing in <c>remainingByKeyId</c> means no document needs the older keys. 409 when the app runs in
/// plain text (no key), 400 for a resume token this function did not write. Admin level: the host's master key only (not the
/// ingest clients' function keys). The route is not <c>admin/…</c>: the Functions host reserves that prefix for itself.
/// </summary>
public sealed class ReencryptFunction(CosmosStores stores, ILogger<ReencryptFunction> logger)
{
    /// <summary>How long one call re-encrypts before it answers with a resume token.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromMinutes(3);

    /// <summary>Runs the re-encryption from the start or from <c>?resume=</c> for at most <see cref="Budget"/> and answers with the report.</summary>
    [Function("ReencryptDocuments")]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Admin, "post", Route = "keys/reencrypt")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (stores.Options.Protector is not { Encrypts: true })
        {
            return new ConflictObjectResult(new { status = 409, detail = "The app stores documents in plain text (Engagement__InsecurePlaintext=true): there is no key to re-encrypt to." });
        }

        var resume = request.Query["resume"].ToString();
        ReencryptionReport report;
        try
        {
            report = await new CosmosReencryptor(stores).RunAsync(
                new ReencryptionRequest { Resume = resume.Length > 0 ? resume : null, TimeBudget = Budget }, progress: null, cancellationToken);
        }
        catch (ArgumentException ex)
        {
            return new BadRequestObjectResult(new { status = 400, detail = ex.Message });
        }

        logger.LogInformation(
            "Re-encryption under key {KeyId}: {Scanned} documents read, {Reencrypted} re-encrypted, {Conflicts} written meanwhile, {Plain} without a key, remaining {Remaining}, complete {Complete}",
            report.CurrentKeyId, report.Scanned, report.Reencrypted, report.Conflicts, report.PlainDocuments,
            string.Join(", ", report.RemainingByKeyId.Select(r => $"{r.Key}: {r.Value}")), report.Complete);
        return new OkObjectResult(new
        {
            currentKeyId = report.CurrentKeyId,
            complete = report.Complete,
            scanned = report.Scanned,
            reencrypted = report.Reencrypted,
            conflicts = report.Conflicts,
            vanished = report.Vanished,
            plainDocuments = report.PlainDocuments,
            documentsByKeyId = report.DocumentsByKeyId,
            remainingByKeyId = report.RemainingByKeyId,
            resume = report.Resume,
        });
    }
}
