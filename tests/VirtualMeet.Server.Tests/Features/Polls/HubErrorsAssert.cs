using VirtualMeet.Contracts.Errors;

namespace VirtualMeet.Server.Tests.Features.Polls;

/// <summary>The code of a coded hub error as the client receives it, read by the shared <see cref="HubErrorMessage"/>.</summary>
internal static class HubErrorsAssert
{
    public static string CodeOf(string message) =>
        HubErrorMessage.TryParse(message, out var code, out _) ? code : $"<no code in: {message}>";

    public static void HasCode(string code, string message) => Assert.True(code == CodeOf(message), $"expected '{code}', got: {message}");
}
