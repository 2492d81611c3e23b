using Engagement.Engine.Templates;

namespace Engagement.Engine.Tests.Templates;

public sealed class LiquidErrorLocatorTests
{
    [Fact]
    public void Add_UnclosedIfOnLineFour_ReportsLineFourAtTheTag()
    {
        var error = new LiquidTemplateRenderer().Add("t.email.en.liquid", "Hello\nline 2\nline 3\n  {% if profile.tier == 'Gold' %}\ngold\n", out var line, out var column);

        Assert.Contains("never closed", error);
        Assert.Equal((4, 3), (line, column));
    }

    [Fact]
    public void Add_UnterminatedVariableAfterFrontMatter_CountsTheFrontMatterLines()
    {
        var error = new LiquidTemplateRenderer().Add("t.email.en.liquid", "---\nsubject: Hi\n---\nfine {{ profile.name }}\nbroken {{ profile.name }\n", out var line, out var column);

        Assert.NotNull(error);
        Assert.Equal((5, 8), (line, column));
    }
}
