using VirtualMeet.LoadTest;

return await Commands.RunAsync(args);
