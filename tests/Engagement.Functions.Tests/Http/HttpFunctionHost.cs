using System.Text;
using System.Text.Json;
using Engagement.Engine;
using Engagement.Engine.Events;
using Engagement.Engine.InMemory;
using Engagement.Engine.Ports;
using Engagement.Functions.Hosting;
using Engagement.Functions.Http;
using Engagement.Functions.Publishing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.Functions.Tests.Http;

/// <summary>
/// The HTTP functions as the worker would build them, called directly with an ASP.NET Core <see cref="DefaultHttpContext"/>
/// request (what the ASP.NET Core integration hands an <c>HttpRequest</c> function). Behind them: in-memory stores (the inbox
/// keeps rejected inputs) and the real <see cref="ServiceBusEventPublisher"/> over a <see cref="RecordingSender"/>. The
/// Functions host's own routing and key check (AuthorizationLevel.Function) are not in play here; the routes and levels are
/// what <c>FunctionMetadataTests</c> checks.
/// </summary>
public sealed class HttpFunctionHost
{
    /// <summary>The write key the Segment API accepts.</summary>
    public const string WriteKey = TestSettings.WriteKey;

    public HttpFunctionHost(params string[] cloudEventTypePrefixes)
        : this(TestSettings.Create(cloudEventTypePrefixes))
    {
    }

    /// <summary>The functions with the given app settings (e.g. <see cref="TestSettings.FromAppSettings"/>).</summary>
    public HttpFunctionHost(EngagementSettings settings)
    {
        Settings = settings;
        Publisher = new ServiceBusEventPublisher(Sender);
        Ports = new EnginePorts(Stores, Stores, Stores, Stores, Stores, new DurableTimersWakeUps(), Stores, Publisher, [], Stores);
        Inbound = new InboundPublisher(Ports, Publisher);
    }

    public EngagementSettings Settings { get; }

    public InMemoryStores Stores { get; } = new();

    public RecordingSender Sender { get; } = new();

    public ServiceBusEventPublisher Publisher { get; }

    public EnginePorts Ports { get; }

    public InboundPublisher Inbound { get; }

    /// <summary>Where events naming a customer only by contact are looked up: no index unless a test gives one (the Cosmos one).</summary>
    public IContactDirectory Contacts { get; set; } = NoContactIndex.Instance;

    public IngestFunction Ingest() => new(Ports, Publisher, Inbound, Settings, Contacts);

    public SegmentFunction Segment(EngagementSettings? settings = null) => new(Inbound, settings ?? Settings, Contacts, NullLogger<SegmentFunction>.Instance);

    /// <summary>The engine types of the messages put on the topic, in order (the message subject).</summary>
    public List<string> Subjects => Sender.Sent.Select(m => m.Subject).ToList();

    /// <summary>A POST request with a body, content type, path and headers.</summary>
    public static HttpRequest Post(string path, string body, string? contentType = "application/json", params (string Name, string Value)[] headers) =>
        Request("POST", path, body, contentType, headers);

    /// <summary>A POST request with a body given as bytes (not necessarily valid UTF-8).</summary>
    public static HttpRequest Post(string path, byte[] body, string? contentType = "application/json", params (string Name, string Value)[] headers) =>
        Request("POST", path, body, contentType, headers);

    /// <summary>A request as the ASP.NET Core integration gives it to a function.</summary>
    public static HttpRequest Request(string method, string path, string body, string? contentType, params (string Name, string Value)[] headers) =>
        Request(method, path, Encoding.UTF8.GetBytes(body), contentType, headers);

    /// <summary>A request with a body given as bytes.</summary>
    public static HttpRequest Request(string method, string path, byte[] bytes, string? contentType, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("engage.invalid");
        context.Request.Path = path;
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        return context.Request;
    }

    /// <summary>HTTP Basic with the key as the user name and an empty password, as Segment clients send their write key.</summary>
    public static (string, string) Basic(string key) => ("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":")));

    /// <summary>The status code an action result answers with.</summary>
    public static int Status(IActionResult result) => result switch
    {
        ObjectResult o => o.StatusCode ?? 200,
        StatusCodeResult s => s.StatusCode,
        _ => throw new InvalidOperationException("unexpected result " + result.GetType().Name),
    };

    /// <summary>The JSON an object result writes.</summary>
    public static JsonElement Json(IActionResult result) =>
        JsonSerializer.SerializeToElement(Assert.IsAssignableFrom<ObjectResult>(result).Value);
}
