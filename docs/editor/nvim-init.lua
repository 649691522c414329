vim.o.termguicolors = false
vim.o.completeopt = "menuone,noinsert"
vim.o.pumheight = 14
vim.cmd("syntax on")
vim.api.nvim_create_autocmd("FileType", {
  pattern = "yaml",
  callback = function(args)
    local client = vim.lsp.start_client({
      name = "yamlls",
      cmd = { "yaml-language-server", "--stdio" },
      root_dir = vim.fn.getcwd(),
      settings = { yaml = { completion = true, hover = true, validate = true } },
    })
    vim.lsp.buf_attach_client(args.buf, client)
    vim.bo[args.buf].omnifunc = "v:lua.vim.lsp.omnifunc"
  end,
})
