using System.Net;
using System.Text;
using Engagement.Engine.Serialization;
using Microsoft.Azure.Cosmos;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Engagement.Cosmos;

/// <summary>
/// Point operations and single-partition queries on one container through the SDK's stream API (no exceptions for the
/// expected 404 / 409 / 412 answers), with documents as the record's <see cref="EngineJson"/> form plus Cosmos fields
/// (<c>id</c>, <c>ttl</c>, derived query fields). The one place that knows the local server's "500 for a missing document".
/// With a <see cref="DocumentSealer"/>, <see cref="Pack{T}"/> and <see cref="Unpack{T}"/> encrypt and decrypt the members that
/// can hold personal data.
/// </summary>
internal sealed class CosmosDocuments(Container container, bool missingDocumentMayAnswer500, DocumentSealer? sealer = null)
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private static readonly string[] SystemFields = ["id", "ttl", "_rid", "_self", "_etag", "_attachments", "_ts", "_lsn"];

    /// <summary>The container's sealer (null: its documents hold no personal data).</summary>
    public DocumentSealer? Sealer => sealer;

    /// <summary>The container's name.</summary>
    public string Name => container.Id;

    /// <summary>A record as a document: its JSON form plus the id.</summary>
    public static JObject ToDocument<T>(T record, string id)
    {
        var doc = JObject.FromObject(record!, EngineJson.Serializer);
        doc["id"] = id;
        return doc;
    }

    /// <summary>The record back from a document (removes the Cosmos fields from it; derived fields are ignored).</summary>
    public static T ToRecord<T>(JObject doc)
    {
        foreach (var f in SystemFields)
        {
            doc.Remove(f);
        }

        return doc.ToObject<T>(EngineJson.Serializer) ?? throw new JsonSerializationException($"expected a {typeof(T).Name}");
    }

    /// <summary>A record as a document, its personal data encrypted when this container has a sealer (add derived fields after).</summary>
    public JObject Pack<T>(T record, string id)
    {
        var doc = ToDocument(record, id);
        sealer?.Seal(doc);
        return doc;
    }

    /// <summary>The record back from a document of this container, decrypting what <see cref="Pack{T}"/> encrypted.</summary>
    public T Unpack<T>(JObject doc)
    {
        sealer?.Open(doc);
        return ToRecord<T>(doc);
    }

    /// <summary>Point read: the document and its ETag, or null when absent.</summary>
    public async Task<(JObject Doc, string ETag)?> ReadAsync(string id, string partitionKey, CancellationToken ct)
    {
        using var response = await container.ReadItemStreamAsync(id, new PartitionKey(partitionKey), cancellationToken: ct).ConfigureAwait(false);
        if (IsMissing(response, pointRead: true))
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return (Parse(response.Content), response.Headers.ETag);
    }

    /// <summary>Create: the new ETag, or null when a document with the id exists (409 Conflict).</summary>
    public async Task<string?> CreateAsync(JObject doc, string partitionKey, CancellationToken ct)
    {
        using var response = await container.CreateItemStreamAsync(ToStream(doc), new PartitionKey(partitionKey), cancellationToken: ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return response.Headers.ETag;
    }

    /// <summary>Create or replace: the new ETag.</summary>
    public async Task<string> UpsertAsync(JObject doc, string partitionKey, CancellationToken ct)
    {
        using var response = await container.UpsertItemStreamAsync(ToStream(doc), new PartitionKey(partitionKey), cancellationToken: ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag;
    }

    /// <summary>Replace, conditional on <paramref name="ifMatch"/> when given: the new ETag, or the failure status
    /// (404 missing, 412 changed since the ETag).</summary>
    public async Task<(string? ETag, HttpStatusCode Status)> ReplaceAsync(JObject doc, string id, string partitionKey, string? ifMatch, CancellationToken ct)
    {
        var options = ifMatch is null ? null : new ItemRequestOptions { IfMatchEtag = ifMatch };
        using var response = await container.ReplaceItemStreamAsync(ToStream(doc), id, new PartitionKey(partitionKey), options, ct).ConfigureAwait(false);
        if (IsMissing(response))
        {
            return (null, HttpStatusCode.NotFound);
        }

        if (response.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            return (null, HttpStatusCode.PreconditionFailed);
        }

        response.EnsureSuccessStatusCode();
        return (response.Headers.ETag, response.StatusCode);
    }

    /// <summary>Delete: true when a document was deleted, false when there was none.</summary>
    public async Task<bool> DeleteAsync(string id, string partitionKey, CancellationToken ct)
    {
        using var response = await container.DeleteItemStreamAsync(id, new PartitionKey(partitionKey), cancellationToken: ct).ConfigureAwait(false);
        if (IsMissing(response))
        {
            return false;
        }

        response.EnsureSuccessStatusCode();
        return true;
    }

    /// <summary>Delete if the document is unchanged since <paramref name="ifMatch"/>: <see cref="HttpStatusCode.NoContent"/> when
    /// deleted, <see cref="HttpStatusCode.NotFound"/> when already gone, <see cref="HttpStatusCode.PreconditionFailed"/> when changed.</summary>
    public async Task<HttpStatusCode> DeleteIfMatchAsync(string id, string partitionKey, string ifMatch, CancellationToken ct)
    {
        using var response = await container.DeleteItemStreamAsync(id, new PartitionKey(partitionKey), new ItemRequestOptions { IfMatchEtag = ifMatch }, ct).ConfigureAwait(false);
        if (IsMissing(response))
        {
            return HttpStatusCode.NotFound;
        }

        if (response.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            return HttpStatusCode.PreconditionFailed;
        }

        response.EnsureSuccessStatusCode();
        return HttpStatusCode.NoContent;
    }

    /// <summary>Patch: false when the document does not exist.</summary>
    public async Task<bool> PatchAsync(string id, string partitionKey, IReadOnlyList<PatchOperation> operations, CancellationToken ct)
    {
        using var response = await container.PatchItemStreamAsync(id, new PartitionKey(partitionKey), operations, cancellationToken: ct).ConfigureAwait(false);
        if (IsMissing(response))
        {
            return false;
        }

        response.EnsureSuccessStatusCode();
        return true;
    }

    /// <summary>A query confined to one logical partition (the partition key is also in the query's WHERE clause).</summary>
    public async Task<List<JObject>> QueryAsync(QueryDefinition query, string partitionKey, CancellationToken ct)
    {
        var results = new List<JObject>();
        using var iterator = container.GetItemQueryStreamIterator(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(partitionKey) });
        while (iterator.HasMoreResults)
        {
            using var page = await iterator.ReadNextAsync(ct).ConfigureAwait(false);
            page.EnsureSuccessStatusCode();
            if (Parse(page.Content)["Documents"] is JArray documents)
            {
                results.AddRange(documents.OfType<JObject>());
            }
        }

        return results;
    }

    /// <summary>One page of the container's read feed (every partition, no query; what a whole-container scan uses: the local
    /// server refuses a cross-partition query), at most <paramref name="pageSize"/> documents, and the continuation that reads
    /// the next page (null after the last). The documents keep their system fields (<c>_etag</c>, <c>_ts</c>).</summary>
    public async Task<(List<JObject> Documents, string? Continuation)> ReadFeedPageAsync(string? continuation, int pageSize, CancellationToken ct)
    {
        using var iterator = container.GetItemQueryStreamIterator((string?)null, continuation, new QueryRequestOptions { MaxItemCount = pageSize });
        if (!iterator.HasMoreResults)
        {
            return ([], null);
        }

        using var page = await iterator.ReadNextAsync(ct).ConfigureAwait(false);
        page.EnsureSuccessStatusCode();
        var documents = page.Content is null ? [] : (Parse(page.Content)["Documents"] as JArray)?.OfType<JObject>().ToList() ?? [];
        return (documents, page.ContinuationToken);
    }

    /// <summary>
    /// Whether an answer means "no such document". THE place for the local server's quirk: <c>@vercel/cosmosdb-server</c>
    /// answers a point read of a document that does not exist with 500 (its read handler dereferences the missing document
    /// and throws; replace, delete and patch answer 404 correctly). Only for point reads and only with
    /// <see cref="CosmosStoreOptions.MissingDocumentMayAnswer500"/> (set for the local server) does a 500 count as "not
    /// found"; against real Cosmos DB a 500 stays an error.
    /// </summary>
    private bool IsMissing(ResponseMessage response, bool pointRead = false) =>
        response.StatusCode == HttpStatusCode.NotFound
        || (pointRead && missingDocumentMayAnswer500 && response.StatusCode == HttpStatusCode.InternalServerError);

    private static JObject Parse(Stream content)
    {
        using var reader = new JsonTextReader(new StreamReader(content, Utf8)) { DateParseHandling = DateParseHandling.None };
        return JObject.Load(reader);
    }

    private static MemoryStream ToStream(JObject doc)
    {
        var stream = new MemoryStream(Utf8.GetBytes(doc.ToString(Formatting.None)));
        return stream;
    }
}
