; Inno Setup script: the Windows installer of the bundle (docs/packaging.md).
; Build the bundle first (py -m PyInstaller ... packaging\evaluator.spec → dist\evaluator\), then
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\evaluator.iss
; → dist\cdd-evaluator-setup-<version>.exe: installs for the current user (no administrator
; rights needed), a Start-menu shortcut to the app and one to the command line, an uninstaller.
; The user's databases, keys and logs (in %LOCALAPPDATA%\cdd-evaluator) are never removed.

#define AppName "ระบบประเมินตำบลผู้นำการเปลี่ยนแปลง"
#define AppNameEn "CDD change-leader award evaluator"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6F0C7D52-4B7A-4E3B-9C55-1D2E7A0B9F31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppNameEn} {#AppVersion}
AppPublisher=กรมการพัฒนาชุมชน (Community Development Department)
DefaultDirName={autopf}\cdd-evaluator
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=cdd-evaluator-setup-{#AppVersion}
SetupIconFile=..\build\icon\app.ico
UninstallDisplayIcon={app}\evaluator-app.exe
LicenseFile=..\LICENSE
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\dist\evaluator\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\evaluator-app.exe"; Comment: "{#AppNameEn}"
Name: "{group}\Command line (evaluator)"; Filename: "{cmd}"; Parameters: "/k ""{app}\evaluator.exe"" --help"; WorkingDir: "{userdocs}"
Name: "{group}\Uninstall"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\evaluator-app.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Run]
Filename: "{app}\evaluator-app.exe"; Description: "{cm:LaunchProgram,{#AppNameEn}}"; Flags: nowait postinstall skipifsilent
