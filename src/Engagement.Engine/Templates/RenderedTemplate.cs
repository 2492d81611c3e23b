namespace Engagement.Engine.Templates;

/// <summary>A rendered template. Holds message content: never log it. Immutable.</summary>
/// <param name="Locale">The locale actually used.</param>
/// <param name="Subject">Email subject or push title, if the template has one.</param>
/// <param name="Body">Rendered body.</param>
public sealed record RenderedTemplate(string Locale, string? Subject, string Body);
