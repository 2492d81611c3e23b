using System.Net;
using System.Text;
using System.Text.Json;

namespace Engagement.Benchmarks.WholeProcess;

/// <summary>The few calls of the <c>engage serve</c> HTTP API the ingest benchmark makes (loopback, <c>X-Api-Key</c>).</summary>
internal sealed class EngageClient(Uri baseAddress, string apiKey, int connections) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseProxy = false })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(60),
        DefaultRequestHeaders = { { "X-Api-Key", apiKey } },
    };

    /// <summary>True when <c>GET /healthz</c> answers 200.</summary>
    public async Task<bool> HealthyAsync(CancellationToken ct)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri("healthz", UriKind.Relative), ct);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>POSTs one NDJSON batch; returns the accepted count. Throws unless the answer is 202.</summary>
    public async Task<int> PostAsync(IReadOnlyList<string> lines, CancellationToken ct)
    {
        using var content = new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/x-ndjson");
        using var response = await _http.PostAsync(new Uri("events", UriKind.Relative), content, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new HttpRequestException($"POST /events answered {(int)response.StatusCode}: {body}");
        }

        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("accepted").GetInt32();
    }

    /// <summary><c>GET /status</c> as a JSON document.</summary>
    public async Task<JsonDocument> StatusAsync(CancellationToken ct) =>
        JsonDocument.Parse(await _http.GetStringAsync(new Uri("status", UriKind.Relative), ct));

    /// <summary><c>GET /metrics</c>: each sample (series as written, with its labels) and its value.</summary>
    public async Task<Dictionary<string, double>> MetricsAsync(CancellationToken ct)
    {
        var text = await _http.GetStringAsync(new Uri("metrics", UriKind.Relative), ct);
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith('#'))
            {
                var space = line.LastIndexOf(' ');
                samples[line[..space]] = double.Parse(line[(space + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return samples;
    }

    /// <summary>One page of <c>GET /outbox?after=&amp;limit=1000</c>: (sequence, customer id) of each message, oldest first.</summary>
    public async Task<List<(long Sequence, string CustomerId)>> OutboxAsync(long after, CancellationToken ct)
    {
        var text = await _http.GetStringAsync(new Uri($"outbox?after={after}&limit=1000", UriKind.Relative), ct);
        using var doc = JsonDocument.Parse(text);
        var items = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement : FirstArray(doc.RootElement);
        var page = new List<(long, string)>(items.GetArrayLength());
        foreach (var item in items.EnumerateArray())
        {
            page.Add((item.GetProperty("sequence").GetInt64(), item.GetProperty("message").GetProperty("customerId").GetString()!));
        }

        return page;
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    private static JsonElement FirstArray(JsonElement root) =>
        root.EnumerateObject().First(p => p.Value.ValueKind == JsonValueKind.Array).Value;
}
