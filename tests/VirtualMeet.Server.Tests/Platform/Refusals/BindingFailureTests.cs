using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Protocols;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Refusals;

/// <summary>
/// Arguments SignalR cannot bind never reach a hub filter; they still answer <c>invalid_argument</c>, on both
/// protocols, instead of the uncoded "Failed to invoke 'JoinStage' due to an error on the server.".
/// </summary>
public sealed class BindingFailureTests(InMemoryNode fixture) : IClassFixture<InMemoryNode>
{
    private const string JoinStage = "JoinStage";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<bool> Protocols => [false, true];

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task AnArgumentOfTheWrongTypeIsRefusedAsInvalidArgument(bool messagePack)
    {
        await using var connection = await ConnectToStageAsync(messagePack);

        var detail = await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument,
            () => connection.InvokeCoreAsync(JoinStage, typeof(object), [new[] { 4, 2 }], Ct));

        Assert.Equal("The arguments do not match the 1 parameter(s) of 'JoinStage'.", detail);
    }

    [Fact]
    public async Task TheWrongNumberOfArgumentsIsRefusedAsInvalidArgument()
    {
        await using var connection = await ConnectToStageAsync(messagePack: false);

        await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument,
            () => connection.InvokeCoreAsync(JoinStage, typeof(object), ["session-1", "one too many"], Ct));
        await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument,
            () => connection.InvokeCoreAsync(JoinStage, typeof(object), [], Ct));
    }

    [Fact]
    public async Task AnUnknownMethodIsRefusedAsInvalidArgument()
    {
        await using var connection = await ConnectToStageAsync(messagePack: false);

        var detail = await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument,
            () => connection.InvokeCoreAsync("NoSuchMethod", typeof(object), ["x"], Ct));

        Assert.Equal("This hub has no method 'NoSuchMethod'.", detail);
    }

    [Fact]
    public async Task TheConnectionStillWorksAfterABindingFailure()
    {
        await using var connection = await ConnectToStageAsync(messagePack: false);
        await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument,
            () => connection.InvokeCoreAsync(JoinStage, typeof(object), [42], Ct));

        // A well-formed call on the same connection reaches the hub, which refuses an unknown session its own way.
        var error = await Assert.ThrowsAsync<HubException>(
            () => connection.InvokeCoreAsync(JoinStage, typeof(object), ["no-such-session"], Ct).WaitAsync(TestTimeouts.Default, Ct));
        var code = HubAssert.CodeOf(error.Message);
        Assert.True(code is ErrorCodes.NotFound or ErrorCodes.Forbidden, error.Message);
    }

    private async Task<HubConnection> ConnectToStageAsync(bool messagePack)
    {
        var token = await TestTokens.OrganizerAsync(fixture.Node);
        return await TestHubConnection.ConnectAsync(fixture.Node.HubUrl(HubRoutes.Stage), token, configure: messagePack ? UseMessagePack : null);
    }

    private static void UseMessagePack(IHubConnectionBuilder builder) => builder
        .AddMessagePackProtocol(o => o.SerializerOptions = JsonShapedMessagePack.Options(new JsonSerializerOptions(JsonSerializerDefaults.Web)));
}
