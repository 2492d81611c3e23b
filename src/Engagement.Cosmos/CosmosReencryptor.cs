using System.Buffers.Text;
using System.Net;
using System.Text;
using Engagement.Protection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Engagement.Cosmos;

/// <summary>
/// Key rotation on Cosmos DB: walks every container whose documents have sealed members (profiles, enrollments, ledger,
/// tasks, rejected; <see cref="ProtectedDocuments"/>) by its read feed, and encrypts each document's <c>sealed</c> member again
/// under the current key of the stores' protector when it is under another key id (<see cref="DocumentSealer.Reseal"/>; every
/// other member is kept). Each document is replaced only if it is unchanged since it was read (<c>If-Match</c> its ETag); a
/// 412 (someone wrote it meanwhile) reads it again and starts over, so a concurrent write is never lost, and a document the
/// writer already sealed under the current key is left alone. The replace keeps the document's expiry: a <c>ttl</c> (its own
/// or the container's default) becomes what was left of it. Idempotent: a second run finds nothing to re-encrypt. A run can
/// stop after a time budget and go on from <see cref="ReencryptionReport.Resume"/>. Documents written without a key (no
/// <c>sealed</c>) are counted, not encrypted: they are when next written. Reports counts and key ids only, never a value.
/// One run at a time per instance.
/// </summary>
public sealed class CosmosReencryptor
{
    private static readonly string[] SystemFields = ["_rid", "_self", "_etag", "_attachments", "_ts", "_lsn"];

    private readonly FieldProtector _protector;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<Target> _targets;

    /// <summary>The re-encryption of <paramref name="stores"/>' documents under their protector's current key. Throws when the
    /// stores have no key (<see cref="CosmosStoreOptions.Protector"/>).</summary>
    public CosmosReencryptor(CosmosStores stores, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(stores);
        _protector = stores.Options.Protector is { Encrypts: true } protector
            ? protector
            : throw new ArgumentException("the stores have no key (CosmosStoreOptions.Protector): there is no current key to re-encrypt to", nameof(stores));
        _time = time ?? TimeProvider.System;
        var containers = CosmosContainers.All(stores.Options).ToDictionary(c => c.Id, StringComparer.Ordinal);
        _targets = stores.SealedContainers
            .Select(docs => new Target(docs, containers[docs.Name].PartitionKeyPath.TrimStart('/'), containers[docs.Name].DefaultTimeToLive))
            .ToList();
    }

    /// <summary>Test seam: called before each conditional replace with the container name and the document about to be
    /// replaced (already re-sealed), e.g. to write the document meanwhile.</summary>
    internal Func<string, JObject, Task>? BeforeReplace { get; set; }

    /// <summary>
    /// Re-encrypts what is not under the current key, from the start or from <see cref="ReencryptionRequest.Resume"/>, until
    /// every container is read or the time budget is spent (checked between pages). <paramref name="progress"/> gets the
    /// counts after every page. Throws <see cref="ArgumentException"/> for a resume token this code did not write.
    /// </summary>
    public async Task<ReencryptionReport> RunAsync(ReencryptionRequest? request = null, IProgress<ReencryptionReport>? progress = null, CancellationToken cancellationToken = default)
    {
        request ??= new ReencryptionRequest();
        if (request.PageSize < 1)
        {
            throw new ArgumentException("PageSize: at least 1", nameof(request));
        }

        var (start, continuation) = ResumeToken.Read(request.Resume, _targets.Select(t => t.Docs.Name).ToList());
        var started = _time.GetTimestamp();
        var counts = new Counts(_protector.CurrentKeyId!);
        for (var i = start; i < _targets.Count; i++)
        {
            var target = _targets[i];
            do
            {
                var (documents, next) = await target.Docs.ReadFeedPageAsync(continuation, request.PageSize, cancellationToken).ConfigureAwait(false);
                foreach (var doc in documents)
                {
                    await ProcessAsync(target, doc, counts, cancellationToken).ConfigureAwait(false);
                }

                continuation = next;
                progress?.Report(counts.Report(complete: false, resume: null));
                if (request.TimeBudget is { } budget && _time.GetElapsedTime(started) >= budget)
                {
                    var (resumeAt, resumeFrom) = continuation is null ? (i + 1, null) : (i, continuation);
                    if (resumeAt < _targets.Count)
                    {
                        return counts.Report(complete: false, ResumeToken.Write(_targets[resumeAt].Docs.Name, resumeFrom));
                    }
                }
            }
            while (continuation is not null);
        }

        return counts.Report(complete: true, resume: null);
    }

    private async Task ProcessAsync(Target target, JObject doc, Counts counts, CancellationToken ct)
    {
        counts.Scanned++;
        var keyId = DocumentSealer.SealedKeyId(doc);
        if (keyId is null)
        {
            counts.Plain++;
            return;
        }

        counts.Found[keyId] = counts.Found.GetValueOrDefault(keyId) + 1;
        if (keyId == counts.Current)
        {
            return;
        }

        var id = doc["id"]?.Value<string>();
        var partitionKey = doc[target.PartitionKeyField]?.Type == JTokenType.String ? doc[target.PartitionKeyField]!.Value<string>() : null;
        if (id is null || partitionKey is null)
        {
            counts.Left(keyId); // not a document the stores wrote
            return;
        }

        var etag = doc["_etag"]?.Value<string>();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            bool changed;
            try
            {
                changed = target.Docs.Sealer!.Reseal(doc);
            }
            catch (ProtectedValueException)
            {
                counts.Left(keyId); // the key file lacks its key, or the value fails its integrity check: left as it is
                return;
            }

            if (!changed)
            {
                return; // written meanwhile under the current key
            }

            KeepExpiry(doc, target.DefaultTtl);
            foreach (var field in SystemFields)
            {
                doc.Remove(field);
            }

            if (BeforeReplace is { } hook)
            {
                await hook(target.Docs.Name, doc).ConfigureAwait(false);
            }

            var (_, status) = await target.Docs.ReplaceAsync(doc, id, partitionKey, etag, ct).ConfigureAwait(false);
            if (status != HttpStatusCode.PreconditionFailed)
            {
                if (status == HttpStatusCode.NotFound)
                {
                    counts.Vanished++;
                }
                else
                {
                    counts.Reencrypted++;
                }

                return;
            }

            counts.Conflicts++;
            if (await target.Docs.ReadAsync(id, partitionKey, ct).ConfigureAwait(false) is not { } fresh)
            {
                counts.Vanished++;
                return;
            }

            (doc, etag) = fresh;
        }

        counts.Left(keyId); // changed under us ten times in a row: the next run tries again
    }

    /// <summary>A replace restarts a document's time to live: set what was left of it, so re-encryption never keeps data longer.</summary>
    private void KeepExpiry(JObject doc, int? defaultTtl)
    {
        long? ttl = doc["ttl"]?.Type == JTokenType.Integer ? doc["ttl"]!.Value<long>() : defaultTtl;
        if (ttl is null or < 0 || doc["_ts"]?.Type != JTokenType.Integer)
        {
            return;
        }

        var written = DateTimeOffset.FromUnixTimeSeconds(doc["_ts"]!.Value<long>());
        var elapsed = (long)Math.Max(0, (_time.GetUtcNow() - written).TotalSeconds);
        doc["ttl"] = (int)Math.Clamp(ttl.Value - elapsed, 1, int.MaxValue);
    }

    private sealed record Target(CosmosDocuments Docs, string PartitionKeyField, int? DefaultTtl);

    private sealed class Counts(string current)
    {
        public string Current { get; } = current;

        public long Scanned { get; set; }

        public long Reencrypted { get; set; }

        public long Conflicts { get; set; }

        public long Vanished { get; set; }

        public long Plain { get; set; }

        public SortedDictionary<string, long> Found { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, long> Remaining { get; } = new(StringComparer.Ordinal);

        public void Left(string keyId) => Remaining[keyId] = Remaining.GetValueOrDefault(keyId) + 1;

        public ReencryptionReport Report(bool complete, string? resume) => new()
        {
            CurrentKeyId = Current,
            Scanned = Scanned,
            Reencrypted = Reencrypted,
            Conflicts = Conflicts,
            Vanished = Vanished,
            PlainDocuments = Plain,
            DocumentsByKeyId = new SortedDictionary<string, long>(Found, StringComparer.Ordinal),
            RemainingByKeyId = new SortedDictionary<string, long>(Remaining, StringComparer.Ordinal),
            Complete = complete,
            Resume = resume,
        };
    }

    /// <summary>Where a stopped run goes on: the container and its read feed's continuation, as base64url of a small JSON object.</summary>
    private static class ResumeToken
    {
        public static string Write(string container, string? continuation)
        {
            var json = new JObject { ["container"] = container, ["continuation"] = continuation }.ToString(Formatting.None);
            return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
        }

        public static (int Container, string? Continuation) Read(string? token, List<string> containers)
        {
            if (string.IsNullOrEmpty(token))
            {
                return (0, null);
            }

            try
            {
                var json = JObject.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)));
                var index = containers.IndexOf(json["container"]?.Value<string>() ?? "");
                if (index >= 0)
                {
                    return (index, json["continuation"]?.Type == JTokenType.String ? json["continuation"]!.Value<string>() : null);
                }
            }
            catch (Exception ex) when (ex is FormatException or JsonException or InvalidCastException)
            {
                // fall through
            }

            throw new ArgumentException("resume: not a token a re-encryption run returned");
        }
    }
}
