// A narrow multi-call Argo CD binary for the rehearsal: only the application controller, the
// repo-server, and the git ask-pass helper the repo-server re-executes. The full ./cmd also links
// the API server, the UI assets' server, dex glue and the CLI, which the rehearsal never runs.
// Dispatches like upstream's cmd/main.go: on ARGOCD_BINARY_NAME, else on the name it was called by.
// Built inside a copy of the argo-cd module by scripts/build-argocd.sh.
package main

import (
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"k8s.io/klog/v2"

	appcontroller "github.com/argoproj/argo-cd/v3/cmd/argocd-application-controller/commands"
	gitaskpass "github.com/argoproj/argo-cd/v3/cmd/argocd-git-ask-pass/commands"
	reposerver "github.com/argoproj/argo-cd/v3/cmd/argocd-repo-server/commands"
	"github.com/argoproj/argo-cd/v3/common"
	"github.com/argoproj/argo-cd/v3/util/log"
)

// Same logger wiring as upstream's cmd/main.go, so component logs read the same.
func init() { klog.SetLogger(log.NewLogrusLogger(log.NewWithCurrentConfig())) }

func main() {
	name := filepath.Base(os.Args[0])
	if fromEnv := os.Getenv("ARGOCD_BINARY_NAME"); fromEnv != "" {
		name = fromEnv
	}
	var command *cobra.Command
	switch name {
	case common.CommandApplicationController:
		command = appcontroller.NewCommand()
	case common.CommandRepoServer:
		command = reposerver.NewCommand()
	case common.CommandGitAskPass:
		command = gitaskpass.NewCommand()
	default:
		os.Stderr.WriteString("argocd (rehearsal build): unknown binary name " + name + "\n")
		os.Exit(2)
	}
	if err := command.Execute(); err != nil {
		os.Exit(1)
	}
}
