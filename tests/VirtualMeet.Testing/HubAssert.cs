using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Contracts.Errors;

namespace VirtualMeet.Testing;

/// <summary>Assertions on coded hub errors as a client sees them.</summary>
public static class HubAssert
{
    /// <summary>Awaits <paramref name="call"/> (bounded) and returns the detail of the coded error it must fail with.</summary>
    public static async Task<string> FailsWithAsync(string expectedCode, Func<Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        HubException error;
        try
        {
            await call().WaitAsync(TestTimeouts.Default);
            throw new InvalidOperationException($"Expected the hub call to fail with '{expectedCode}', but it succeeded.");
        }
        catch (HubException caught)
        {
            error = caught;
        }

        if (!HubErrorMessage.TryParse(error.Message, out var code, out var detail))
        {
            throw new InvalidOperationException($"The hub error carries no code: {error.Message}");
        }

        return code == expectedCode
            ? detail
            : throw new InvalidOperationException($"Expected '{expectedCode}', got '{code}': {error.Message}");
    }

    /// <summary>The code of a coded hub error message, or a marker quoting the message when it carries none.</summary>
    public static string CodeOf(string message) =>
        HubErrorMessage.TryParse(message, out var code, out _) ? code : $"<no code in: {message}>";

    /// <summary>Fails unless the hub error <paramref name="message"/> carries <paramref name="expectedCode"/>.</summary>
    public static void HasCode(string expectedCode, string message)
    {
        if (CodeOf(message) != expectedCode)
        {
            throw new InvalidOperationException($"expected '{expectedCode}', got: {message}");
        }
    }
}
