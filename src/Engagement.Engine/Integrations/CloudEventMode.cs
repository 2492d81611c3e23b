namespace Engagement.Engine.Integrations;

/// <summary>How a request carries CloudEvents (the CloudEvents HTTP protocol binding), or that it carries none.</summary>
public enum CloudEventMode
{
    /// <summary>Not a CloudEvents request: an engine event body.</summary>
    None,
    /// <summary><c>application/cloudevents+json</c>: the body is one CloudEvent in the JSON format.</summary>
    Structured,
    /// <summary><c>application/cloudevents-batch+json</c>: the body is a JSON array of CloudEvents.</summary>
    Batch,
    /// <summary><c>ce-*</c> headers carry the attributes, the body is the data, <c>Content-Type</c> its type.</summary>
    Binary,
}
