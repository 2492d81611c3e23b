using Engagement.Cli.Init;
using Engagement.Protection;
using Newtonsoft.Json.Linq;

namespace Engagement.Cli.Tests.Commands;

/// <summary><c>engage init</c> makes the project's key file, names it in engage.json, and never replaces it.</summary>
public sealed class InitCommandTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("engage-init-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void Init_EmptyFolder_MakesAKeyFileThatEngageJsonNames()
    {
        var (code, output, error) = Engage.RunIn(_temp, "init", "shop");

        Assert.True(code == 0, error);
        var root = Path.Combine(_temp, "shop");
        var keys = KeyFile.Load(Path.Combine(root, Scaffold.KeyFileName));
        Assert.Contains($"made the key file {Scaffold.KeyFileName} (key {keys.Current})", output, StringComparison.Ordinal);
        Assert.Equal(Scaffold.KeyFileName, (string?)JObject.Parse(File.ReadAllText(Path.Combine(root, "engage.json")))["keyFile"]);
    }

    [Fact]
    public void InitForce_OverAProject_KeepsItsKeyFileByteForByte()
    {
        Assert.Equal(0, Engage.RunIn(_temp, "init").ExitCode);
        var key = File.ReadAllBytes(Path.Combine(_temp, Scaffold.KeyFileName));

        var (code, output, error) = Engage.RunIn(_temp, "init", "--force");

        Assert.True(code == 0, error);
        Assert.Contains($"kept the existing key file {Scaffold.KeyFileName}", output, StringComparison.Ordinal);
        Assert.Equal(key, File.ReadAllBytes(Path.Combine(_temp, Scaffold.KeyFileName)));
    }

    [Fact]
    public void Serve_InAnInitProject_EncryptsWithTheKeyFileWithoutFlags()
    {
        Assert.Equal(0, Engage.RunIn(_temp, "init").ExitCode);

        var served = Engage.RunIn(_temp, "serve", "--clock", "virtual", "--until-idle", "--insecure-no-auth");
        var status = Engage.RunIn(_temp, "status", "--json");

        Assert.True(served.ExitCode == 0, served.Error);
        Assert.True((bool)JObject.Parse(status.Out)["protection"]!["encrypted"]!, status.Out);
    }
}
