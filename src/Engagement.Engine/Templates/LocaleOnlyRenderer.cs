namespace Engagement.Engine.Templates;

/// <summary>
/// For fast simulations: resolves which template file and locale a message would use, exactly as
/// <see cref="LiquidTemplateRenderer"/> does, without rendering the text (<c>engage simulate --render</c> renders).
/// </summary>
public sealed class LocaleOnlyRenderer(LiquidTemplateRenderer templates) : ITemplateRenderer
{
    /// <inheritdoc/>
    public bool Exists(string templateId, string channel) => templates.Exists(templateId, channel);

    /// <inheritdoc/>
    public bool ReadsModel => false;

    /// <inheritdoc/>
    public RenderedTemplate? Render(TemplateRequest request) =>
        templates.ResolveLocale(request) is { } locale ? new RenderedTemplate(locale, null, string.Empty) : null;

    /// <inheritdoc/>
    public string RenderText(string liquid, TemplateRequest model) => templates.RenderText(liquid, model);
}
