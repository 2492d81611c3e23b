using Engagement.Engine.Catalog;

namespace Engagement.Engine.Tests.Catalog;

public sealed class TemplateCoverageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engage-coverage-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Load_FixedChannelWithFallbackWithoutItsTemplate_ReportsTpl002AtTheStep()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "templates"));
        File.WriteAllText(Path.Combine(_dir, "templates", "hi.email.en.liquid"), "Hello");
        File.WriteAllText(Path.Combine(_dir, "templates", "hi.sms.zh-CN.liquid"), "你好");
        File.WriteAllText(Path.Combine(_dir, "j.json"), """
            {
              "id": "j", "version": 1, "name": "J",
              "trigger": { "event": "customer.registered" },
              "start": "hello",
              "steps": {
                "hello": { "type": "send", "channel": "sms", "template": "hi", "fallback": ["email"], "next": "done" },
                "done": { "type": "exit" }
              }
            }
            """);

        JourneyCatalog.Load(_dir, out var diagnostics);

        var problem = Assert.Single(diagnostics);
        Assert.Equal((TemplateCoverage.Code, 6), (problem.Code, problem.Location.Line));
        Assert.Contains("steps.hello can send on sms (its channel)", problem.Message);
        Assert.Contains("templates/hi.sms.en.liquid", problem.Message);
    }

    [Fact]
    public void Load_ShippedLibrary_HasATemplateForEveryReachableChannel()
    {
        JourneyCatalog.Load(RepositoryFiles.Journeys, out var diagnostics);

        Assert.DoesNotContain(diagnostics, d => d.Code == TemplateCoverage.Code);
    }
}
