using VirtualMeet.SignalR.Redis.Internal;

namespace VirtualMeet.SignalR.Redis.Tests.Resync;

public sealed class ResyncRequestsTests
{
    [Fact]
    public void ANodesOwnRequestIsReadBackWithItsNumberAndIsAnotherNodesForEveryoneElse()
    {
        var request = ResyncRequests.ForNode("node-a-1f2e3d4c", 42);

        Assert.Equal(new ResyncRequest(ResyncRequestKind.OwnNode, 42), ResyncRequests.Read(request, "node-a-1f2e3d4c"));
        Assert.Equal(ResyncRequestKind.OtherNode, ResyncRequests.Read(request, "node-b-9a8b7c6d").Kind);
    }

    [Fact]
    public void ARequestToAllIsForEveryNode() =>
        Assert.Equal(ResyncRequestKind.All, ResyncRequests.Read(ResyncRequests.ToAll, "node-a").Kind);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("everyone")]
    [InlineData("node:")]
    [InlineData("node:a:")]
    [InlineData("node:a:-1")]
    [InlineData("node:a:x")]
    public void AnythingElseIsUnreadable(string? request) =>
        Assert.Equal(ResyncRequestKind.Unreadable, ResyncRequests.Read(request, "a").Kind);
}
