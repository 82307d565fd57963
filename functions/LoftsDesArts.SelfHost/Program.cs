using LoftsDesArts.SelfHost;

var app = SelfHostApp.Build(args);
await app.RunAsync().ConfigureAwait(false);

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
