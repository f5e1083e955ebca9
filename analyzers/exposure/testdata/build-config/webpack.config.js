const webpack = require("webpack");

module.exports = {
  plugins: [
    new webpack.DefinePlugin({
      UPSTASH_TOKEN: JSON.stringify("ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU"), // want "UPS101" "UPS203"
    }),
  ],
};
