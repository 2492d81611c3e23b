namespace Engagement.Engine.Templates;

/// <summary>Renders message templates (Liquid) with locale fallback. Templates are parsed once and rendered many times.</summary>
public interface ITemplateRenderer
{
    /// <summary>Whether any locale of the template exists for the channel.</summary>
    bool Exists(string templateId, string channel);

    /// <summary>Renders; null when no locale of the template exists for the channel.</summary>
    RenderedTemplate? Render(TemplateRequest request);

    /// <summary>Whether <see cref="Render"/> reads the request's model (profile, event, enrollment, links); when false the
    /// pipeline leaves them empty instead of building them for every send.</summary>
    bool ReadsModel => true;

    /// <summary>Whether rendering <paramref name="templateId"/> (any channel or locale) reads <paramref name="root"/> of the model
    /// (<c>profile</c>, <c>event</c> or <c>enrollment</c>); when false the pipeline leaves that root empty instead of building it.</summary>
    bool Reads(string templateId, string root) => ReadsModel;

    /// <summary>The top-level keys of <paramref name="root"/> rendering <paramref name="templateId"/> can read (any channel or
    /// locale); null when it may read the root whole (or the renderer cannot tell). The pipeline may then pass only those keys.</summary>
    IReadOnlyCollection<string>? KeysRead(string templateId, string root) => null;

    /// <summary>Renders a free Liquid text (task titles) with the same model.</summary>
    string RenderText(string liquid, TemplateRequest model);
}
